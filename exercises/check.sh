#!/usr/bin/env bash
# What CI runs for the exercises: the reference answers (Solutions/) must pass every graded test, and the unfilled
# exercises (Holes/) must fail every test with a "Not done yet" hint, as a learner starting out sees them. The
# solutions' run prints its own test summary; the unfilled check prints one summary line of the same form (one check,
# passed or failed), since its failing tests are the expected outcome, not failures to count.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

dotnet test exercises -c Release -p:Solutions=true || status=1

unfilled=$(mktemp)
dotnet test exercises -c Release > "$unfilled" 2>&1
total=$(grep -Eo 'Total: +[0-9]+' "$unfilled" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$unfilled" | awk '{s += $2} END {print s + 0}')
hints=$(grep -c 'Not done yet\. Exercise' "$unfilled")
if [ "$total" -gt 0 ] && [ "$failed" -eq "$total" ] && [ "$hints" -ge "$total" ]; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - exercises unfilled: all $total graded tests fail with a 'Not done yet' hint, as expected"
else
  sed "s/Passed:/passed:/g; s/Failed:/failed:/g" "$unfilled"   # shown, but not counted by .ci/run
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - exercises unfilled: expected all graded tests to fail with a hint; $failed of $total failed, $hints hints"
  status=1
fi
rm -f "$unfilled"

# Leave the reference build in place, so that a later run of the tests does not pick up the unfilled one by accident.
dotnet build exercises -c Release -p:Solutions=true > /dev/null || status=1
exit $status
