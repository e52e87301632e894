#!/usr/bin/env bash
# Installs the peers of benchmarks/compare.sh: Debian's PyTorch, scikit-learn and numpy for /usr/bin/python3.
# Not needed to build or test the project. Run as root (or with sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3 python3-numpy python3-sklearn python3-torch python3-threadpoolctl
/usr/bin/python3 -c 'import numpy, sklearn, torch, threadpoolctl; print("numpy", numpy.__version__, "| scikit-learn", sklearn.__version__, "| torch", torch.__version__)'
