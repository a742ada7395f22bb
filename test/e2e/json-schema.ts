/**
 * A small JSON Schema (2020-12) checker covering what zod's `toJSONSchema` emits, so the tests can hold real
 * responses against the published OpenAPI document itself rather than against the code that produced it.
 */

type Schema = Record<string, unknown> | boolean;

export interface SchemaContext {
  /** Resolves `#/components/schemas/Name` and other local refs against the whole document. */
  root: unknown;
}

function resolve(root: unknown, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local refs are supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (node === null || typeof node !== 'object') throw new Error(`unresolvable ref ${ref}`);
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (node === undefined) throw new Error(`unresolvable ref ${ref}`);
  return node as Schema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const keywordsHandled = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'description',
  'default',
  'example',
  'examples',
  'title',
  'readOnly',
  'deprecated',
  'id',
  '$defs',
  '$schema',
  '$id',
]);

/** Returns the problems found, each with its JSON path; an empty list means the value is valid. */
export function validate(value: unknown, schema: Schema, context: SchemaContext, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  const errors: string[] = [];
  const unknown = Object.keys(schema).filter((k) => !keywordsHandled.has(k));
  if (unknown.length) errors.push(`${path}: the checker does not know ${unknown.join(', ')}`);

  if (typeof schema.$ref === 'string')
    errors.push(...validate(value, resolve(context.root, schema.$ref), context, path));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => matchesType(value, t)))
      errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(value)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }

  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in object)) errors.push(`${path}.${key}: required`);
    }
    for (const [key, item] of Object.entries(object)) {
      const child = `${path}.${key}`;
      if (key in properties) errors.push(...validate(item, properties[key] ?? true, context, child));
      else if (schema.additionalProperties !== undefined) {
        errors.push(...validate(item, schema.additionalProperties as Schema, context, child));
      }
      if (schema.propertyNames !== undefined) {
        errors.push(...validate(key, schema.propertyNames as Schema, context, `${child} (name)`));
      }
    }
  }

  if (Array.isArray(value)) {
    const prefix = (schema.prefixItems ?? []) as Schema[];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined);
      if (itemSchema !== undefined) errors.push(...validate(item, itemSchema, context, `${path}[${i}]`));
    });
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: too many items`);
  }

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      errors.push(`${path}: too small`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
      errors.push(`${path}: too large`);
  }

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) errors.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) errors.push(`${path}: too long`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
  }

  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf as Schema[]) errors.push(...validate(value, sub, context, path));
  }
  if (Array.isArray(schema.anyOf)) {
    const results = (schema.anyOf as Schema[]).map((sub) => validate(value, sub, context, path));
    if (!results.some((r) => r.length === 0)) {
      errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' / ')})`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).filter((sub) => validate(value, sub, context, path).length === 0);
    if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of oneOf, not exactly one`);
  }
  if (schema.not !== undefined && validate(value, schema.not as Schema, context, path).length === 0) {
    errors.push(`${path}: matches a schema it must not`);
  }
  return errors;
}
