# CMake generated Testfile for 
# Source directory: /work/wt-tflite-mut/tests/tflite
# Build directory: /work/wt-tflite-mut/build-scratch/tests/tflite
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[tst_tflitearmnn]=] "/work/wt-tflite-mut/build-scratch/tests/tflite/tst_tflitearmnn")
set_tests_properties([=[tst_tflitearmnn]=] PROPERTIES  ENVIRONMENT "TINYML_TEST_DATA=/work/wt-tflite-mut/tests/data;TINYML_CLI=/work/wt-tflite-mut/build-scratch/app/tinyml;TINYML_STUDIO=/work/wt-tflite-mut/build-scratch/app/tinyml-studio;TINYML_SOURCE_DIR=/work/wt-tflite-mut;OMP_WAIT_POLICY=passive;QTEST_FUNCTION_TIMEOUT=900000" LABELS "mnist;armnn" TIMEOUT "900" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/CMakeLists.txt;9;add_test;/work/wt-tflite-mut/tests/tflite/CMakeLists.txt;4;tinyml_add_test;/work/wt-tflite-mut/tests/tflite/CMakeLists.txt;0;")
add_test([=[tst_tfliteformat]=] "/work/wt-tflite-mut/build-scratch/tests/tflite/tst_tfliteformat")
set_tests_properties([=[tst_tfliteformat]=] PROPERTIES  ENVIRONMENT "TINYML_TEST_DATA=/work/wt-tflite-mut/tests/data;TINYML_CLI=/work/wt-tflite-mut/build-scratch/app/tinyml;TINYML_STUDIO=/work/wt-tflite-mut/build-scratch/app/tinyml-studio;TINYML_SOURCE_DIR=/work/wt-tflite-mut;OMP_WAIT_POLICY=passive" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/CMakeLists.txt;9;add_test;/work/wt-tflite-mut/tests/tflite/CMakeLists.txt;8;tinyml_add_test;/work/wt-tflite-mut/tests/tflite/CMakeLists.txt;0;")
