/** Gateway callback event IDs already handed to a case: a replayed callback is acknowledged and changes nothing. */
import type { Knex } from 'knex';

/** True if this event ID is new; false for a replay. */
export async function recordGatewayEvent(db: Knex, eventId: string, payload: unknown): Promise<boolean> {
  const rows = await db('gateway_events')
    .insert({ event_id: eventId, payload: JSON.stringify(payload) })
    .onConflict('event_id')
    .ignore()
    .returning('event_id');
  return rows.length > 0;
}

/** Undoes `recordGatewayEvent` when the event could not be handed over, so the gateway's retry is not a "replay". */
export async function forgetGatewayEvent(db: Knex, eventId: string): Promise<void> {
  await db('gateway_events').where({ event_id: eventId }).delete();
}
