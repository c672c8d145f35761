ui/tinyml_resources_resources_1_autogen/timestamp: \
  /usr/lib/x86_64-linux-gnu/cmake/Qt6Core/Qt6CoreConfigureFileTemplate.in \
  /work/wt-tflite-mut/ui/CMakeLists.txt \
  /usr/bin/cmake
