#!/usr/bin/env bash
# Test stand-in for conf/gpu-discovery.sh on machines without GPUs: advertises the GPU addresses in
# SONGMOOD_FAKE_GPUS (comma-separated, default "0"), so that Spark's resource scheduling hands them to tasks
# exactly as on a GPU cluster. The tasks then find no CUDA in their PyTorch build and train on CPU (and say so).
set -euo pipefail
ADDRS=$(echo "${SONGMOOD_FAKE_GPUS:-0}" | tr ',' '\n' | sed -e 's/ //g' -e '/^$/d' -e 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${ADDRS}]}"
