export function CasePage(_: { caseNumber: string }) {
  return null;
}
