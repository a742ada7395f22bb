export function FilingPage() {
  return null;
}
