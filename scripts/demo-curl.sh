#!/usr/bin/env bash
# A curl session: one case from filing to a closed outcome through the API (npm start with DAVAR_POLICY=fast).
set -u
API=http://127.0.0.1:3000/api/v1
cd "$(dirname "$0")/.."
tok() { npm run -s token -- "$@"; }
CLERK=$(tok --role clerk --provinces THR --sub clerk-7)
OFFICER=$(tok --role officer --provinces THR --sub officer-3)
M1=$(tok --role board_member --provinces THR --sub m-ministry)
M2=$(tok --role board_member --provinces THR --sub m-workers)
M3=$(tok --role board_member --provinces THR --sub m-employers)
post() { local t=$1 path=$2 body=$3; echo "\$ POST $path  $body" >&2; curl -s -X POST "$API$path" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen 2>/dev/null || date +%s%N)" -d "$body"; echo; }
get() { local t=$1 path=$2; curl -s "$API$path" -H "Authorization: Bearer $t"; }
# Prints "-> <field>" of an answer, or its error: a refused step must not pass for done.
show() { python3 -c 'import sys,json; d=json.load(sys.stdin); e=d.get("error"); f=sys.argv[1:]; v=d
for k in f: v=(v or {}).get(k) if isinstance(v,dict) else None
print("   -> REFUSED", e) if e else print("   ->", v)' "$@"; }
stage() { get "$CLERK" "/cases/$CASE" | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["stage"], d.get("outcome") or "")'; }
waitstage() { for i in $(seq 1 60); do s=$(stage); case "$s" in $1*) echo "   stage: $s" >&2; return;; esac; sleep 0.5; done; echo "   TIMEOUT waiting for $1 (now $s)" >&2; }

FILED=$(post "$CLERK" /cases '{"channel":"counter","province":"THR","complainant":{"nationalId":"0499370899","name":"Reza Ahmadi"},"respondent":{"legalEntityId":"10380284790","name":"Pars Textile Co."},"employment":{"startedOn":"2019-03-21","endedOn":"2025-10-01","jobTitle":"Weaver","monthlyWageRials":150000000},"claims":[{"kind":"unpaid_wages","amountRials":450000000,"description":"three months unpaid"}],"statement":"I was dismissed without notice."}')
echo "$FILED"
CASE=$(echo "$FILED" | python3 -c 'import sys,json; print(json.load(sys.stdin)["caseNumber"])')
# A party is known by its ID (the employer's legal entity ID in the filing above), not by the case.
EMPLOYER=$(tok --role party --sub employer-1 --side respondent --national-id 10380284790)
post "$CLERK" "/cases/$CASE/actions/accept-complaint" '{}' | show stage
waitstage response
post "$EMPLOYER" "/cases/$CASE/actions/record-response" '{"text":"We paid every rial owed."}' | show stage
waitstage hearing
post "$OFFICER" "/cases/$CASE/actions/assign-board" '{"members":[{"userId":"m-ministry","name":"Ministry rep.","presiding":true},{"userId":"m-workers","name":"Workers rep."},{"userId":"m-employers","name":"Employers rep."}]}' | show board instance
# The fast policy summons a second ahead; the board records the session once it has begun.
AT=$(date -u -d '+4 seconds' +%Y-%m-%dT%H:%M:%SZ)
post "$OFFICER" "/cases/$CASE/actions/schedule-hearing" "{\"at\":\"$AT\",\"mode\":\"in_person\",\"location\":\"Room 3\"}" | show hearing atJalali
post "$OFFICER" "/cases/$CASE/actions/schedule-hearing" "{\"at\":\"$AT\",\"mode\":\"remote\"}"
sleep 5
post "$OFFICER" "/cases/$CASE/actions/record-hearing-held" '{"attendance":{"complainant":true,"respondent":true},"minutes":"Both parties heard."}' | show hearing held
post "$M1" "/cases/$CASE/actions/cast-vote" '{"decision":"uphold","reason":"wage slips prove it"}' | show tally
post "$M2" "/cases/$CASE/actions/cast-vote" '{"decision":"uphold","reason":"proven"}' | show tally
post "$M3" "/cases/$CASE/actions/cast-vote" '{"decision":"reject","reason":"not proven"}' | show stage
waitstage compliance
post "$OFFICER" "/cases/$CASE/actions/record-compliance" '{"evidence":"bank transfer receipt"}' | show outcome
echo "\$ GET /cases/$CASE/timeline" >&2
get "$OFFICER" "/cases/$CASE/timeline" | python3 -c 'import sys,json; d=json.load(sys.stdin); [print("  ", e.get("atJalali"), e.get("summary")) for e in d.get("items", d if isinstance(d,list) else [])]'
echo "$CASE" > /tmp/demo-case
# The demo passes only if the case closed as it should.
final=$(stage)
echo "final: $final"
[ "$final" = "closed complied" ]
