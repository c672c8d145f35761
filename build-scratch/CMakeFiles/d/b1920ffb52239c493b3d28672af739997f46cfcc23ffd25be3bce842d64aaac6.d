app/tinyml_autogen/timestamp: \
  /usr/lib/x86_64-linux-gnu/cmake/Qt6Core/Qt6CoreConfigureFileTemplate.in \
  /work/wt-tflite-mut/app/CMakeLists.txt \
  /work/wt-tflite-mut/app/interrupt.cpp \
  /work/wt-tflite-mut/app/interrupt.h \
  /work/wt-tflite-mut/app/options.cpp \
  /work/wt-tflite-mut/app/options.h \
  /work/wt-tflite-mut/app/tinyml.cpp \
  /usr/bin/cmake
