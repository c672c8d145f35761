ui/tinyml_resources_autogen/timestamp: \
  /usr/lib/x86_64-linux-gnu/cmake/Qt6Core/Qt6CoreConfigureFileTemplate.in \
  /work/wt-tflite-mut/ui/CMakeLists.txt \
  /work/wt-tflite-mut/ui/shared/defaultmodel.cpp \
  /work/wt-tflite-mut/ui/shared/defaultmodel.h \
  /usr/bin/cmake
