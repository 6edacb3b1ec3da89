#!/usr/bin/env bash
# ExecStopPost of songmood-label.service: systemd passes the run's outcome in $SERVICE_RESULT, $EXIT_CODE and
# $EXIT_STATUS. Exit 2 (bad arguments or bad input) pages someone: $SONGMOOD_PAGE_COMMAND (e.g. a curl to your
# pager's webhook) gets the message as its argument; without it, a critical syslog line. Exit 1 is left to
# Restart=on-failure (a retry); a run still failing when the start limit is hit leaves the unit failed (alert on
# that with OnFailure= if you want to).
set -uo pipefail
status="${EXIT_STATUS:-}"
message=""
case "$status" in
  0) exit 0 ;;
  2) message="songmood nightly label: bad input (exit 2), not retried: journalctl -u songmood-label" ;;
  *) echo "songmood nightly label: failed (exit ${status:-?}, ${SERVICE_RESULT:-?}): systemd retries it" >&2
     exit 0 ;;
esac
if [[ -n "${SONGMOOD_PAGE_COMMAND:-}" ]]; then
  $SONGMOOD_PAGE_COMMAND "$message"
else
  logger -p user.crit -t songmood "$message" 2>/dev/null || echo "$message" >&2
fi
