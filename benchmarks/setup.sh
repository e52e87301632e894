#!/usr/bin/env bash
# Installs the peers of benchmarks/compare.sh: Debian's PyTorch, scikit-learn, numpy and pandas for /usr/bin/python3.
# Not needed to build or test the project. Run as root (or with sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libopenblas0-pthread: without it Debian's numpy and PyTorch fall back to the reference BLAS (~6 GFLOP/s), which
# would make every ratio look far better than it is. The peers must run on OpenBLAS.
apt-get install -y -qq --no-install-recommends python3 python3-numpy python3-sklearn python3-torch python3-pandas python3-threadpoolctl libopenblas0-pthread
/usr/bin/python3 -c 'import numpy, sklearn, torch, pandas, threadpoolctl; print("numpy", numpy.__version__, "| scikit-learn", sklearn.__version__, "| torch", torch.__version__, "| pandas", pandas.__version__)'
/usr/bin/python3 -c 'import numpy, threadpoolctl; apis = {i["internal_api"] for i in threadpoolctl.threadpool_info()}; print("BLAS:", ", ".join(sorted(apis))); assert "openblas" in apis, "numpy is not on OpenBLAS"'
