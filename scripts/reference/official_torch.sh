#!/usr/bin/env bash
# Run Debian's /usr/bin/python3 + python3-torch (1.13.1) on the OFFICIAL libtorch 1.13.1 CPU build
# (MKL BLAS + bundled oneDNN, cxx11 ABI), taken from Maven Central (DJL's repackaging of the official
# libtorch-cxx11-abi-shared-with-deps-1.13.1+cpu). See OFFICIAL_TORCH.md.
#
#   scripts/reference/official_torch.sh scripts/reference/pytorch_dcgan_bench.py --shapes 32x32x1
#   scripts/reference/official_torch.sh -c 'import torch; print(torch.__config__.show())'
#
# First use downloads the jar (135 MB) into $TORCHREF (default /tmp/torchref) and builds a small shim.
set -euo pipefail
TORCHREF=${TORCHREF:-/tmp/torchref}
VERSION=1.13.1
JAR=pytorch-native-cpu-$VERSION-linux-x86_64.jar
URL=https://repo1.maven.org/maven2/ai/djl/pytorch/pytorch-native-cpu/$VERSION/$JAR
SHA1=ad23bdff2ffcb12fd9e008342879a79316c40d70
LIBS=$TORCHREF/pytorch/cpu/linux-x86_64
OFFLIB=$TORCHREF/offlib

if [ ! -f "$OFFLIB/libtorch_debian_shim.so" ] || [ ! -f "$LIBS/libtorch_cpu.so" ]; then
  mkdir -p "$TORCHREF" "$OFFLIB"
  if [ ! -f "$TORCHREF/$JAR" ]; then
    echo "official_torch.sh: downloading $URL" >&2
    curl -fsS -o "$TORCHREF/$JAR.part" "$URL"
    mv "$TORCHREF/$JAR.part" "$TORCHREF/$JAR"
  fi
  echo "$SHA1  $TORCHREF/$JAR" | sha1sum -c --quiet -
  (cd "$TORCHREF" && unzip -oq "$JAR" 'pytorch/*' 'native/*')
  # Debian's libtorch_python.so.1.13 asks for sonames *.so.1.13; point them at the official libraries.
  # libgomp.so.1 too, so that Debian's libtorch_global_deps (loaded RTLD_GLOBAL first) does not pull in
  # the system libgomp and every OpenMP call goes to the official build's own bundled libgomp.
  for f in libtorch_cpu.so libc10.so libtorch.so libgomp-52f2fd74.so.1; do ln -sf "$LIBS/$f" "$OFFLIB/$f"; done
  ln -sf "$LIBS/libtorch_cpu.so" "$OFFLIB/libtorch_cpu.so.1.13"
  ln -sf "$LIBS/libc10.so" "$OFFLIB/libc10.so.1.13"
  ln -sf "$LIBS/libtorch.so" "$OFFLIB/libtorch.so.1.13"
  ln -sf "$LIBS/libgomp-52f2fd74.so.1" "$OFFLIB/libgomp.so.1"
  # The only symbols Debian's libtorch_python needs that the official build lacks: two gflags-namespaced
  # flags (official: USE_GFLAGS=OFF) and ONNX things (official: namespace onnx_torch; Debian links the
  # system libonnx). The shim defines the flags, stubs two ONNX-export helpers, and pulls in Debian's
  # libonnx/libonnx_proto. None of it is on the training path.
  cat > "$TORCHREF/shim.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
_Bool fLB_reuse_ir __asm__("_ZN3fLB25FLAGS_torch_lazy_reuse_irE") = 1;
_Bool fLB_symbolic __asm__("_ZN3fLB32FLAGS_ltc_enable_symbolic_shapesE") = 0;
static void unsupported(const char *what) {
  fprintf(stderr, "torch shim: %s is not available with the official libtorch\n", what);
  abort();
}
void pretty_print(void) __asm__("_ZN5torch3jit11prettyPrintB5cxx11ERKN4onnx10ModelProtoE");
void pretty_print(void) { unsupported("torch.jit prettyPrint(onnx::ModelProto)"); }
void serialize_model(void) __asm__("_ZN5torch3jit31serialize_model_proto_to_stringB5cxx11ERKSt10shared_ptrIN4onnx10ModelProtoEE");
void serialize_model(void) { unsupported("torch.jit serialize_model_proto_to_string"); }
EOF
  gcc -O2 -shared -fPIC -o "$OFFLIB/libtorch_debian_shim.so" "$TORCHREF/shim.c" \
      -Wl,--no-as-needed /lib/x86_64-linux-gnu/libonnx.so.1 /lib/x86_64-linux-gnu/libonnx_proto.so.1
fi

export LD_LIBRARY_PATH=$OFFLIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_PRELOAD=$OFFLIB/libtorch_debian_shim.so${LD_PRELOAD:+:$LD_PRELOAD}
exec /usr/bin/python3 "$@"
