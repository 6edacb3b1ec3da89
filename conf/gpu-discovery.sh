#!/usr/bin/env bash
# Spark resource discovery script for GPUs: prints this machine's CUDA devices as Spark expects,
#   {"name": "gpu", "addresses": ["0", "1", ...]}
# Point the workers at it (standalone: spark.worker.resource.gpu.discoveryScript, or ./cluster.sh --gpus N
# --gpu-discovery conf/gpu-discovery.sh; YARN and Kubernetes: spark.executor.resource.gpu.discoveryScript).
# The addresses are CUDA ordinals; a training task reads the one Spark assigned it from TaskContext.resources().
set -euo pipefail
if ! command -v nvidia-smi > /dev/null; then
  echo '{"name": "gpu", "addresses": []}'
  exit 0
fi
ADDRS=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed -e 's/ //g' -e 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${ADDRS}]}"
