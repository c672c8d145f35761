core/tflite/tinyml_tflite_autogen/timestamp: \
  core/tflite/generated/core/tflite/tflite_subset_generated.h \
  /work/wt-tflite-mut/core/tflite/CMakeLists.txt \
  /work/wt-tflite-mut/core/tflite/tflitewriter.cpp \
  /work/wt-tflite-mut/core/tflite/tflitewriter.h \
  /usr/bin/cmake
