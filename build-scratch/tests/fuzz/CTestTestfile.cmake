# CMake generated Testfile for 
# Source directory: /work/wt-tflite-mut/tests/fuzz
# Build directory: /work/wt-tflite-mut/build-scratch/tests/fuzz
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[fuzz_idx]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_idx" "--mutations" "20000" "/work/wt-tflite-mut/tests/fuzz/corpus/idx" "/work/wt-tflite-mut/tests/fuzz/regressions/idx")
set_tests_properties([=[fuzz_idx]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;43;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_idxgzip]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_idxgzip" "--mutations" "20000" "/work/wt-tflite-mut/tests/fuzz/corpus/idxgzip" "/work/wt-tflite-mut/tests/fuzz/regressions/idxgzip")
set_tests_properties([=[fuzz_idxgzip]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;44;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_modelfile]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_modelfile" "--mutations" "200000" "/work/wt-tflite-mut/tests/fuzz/corpus/modelfile" "/work/wt-tflite-mut/tests/fuzz/regressions/modelfile")
set_tests_properties([=[fuzz_modelfile]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;45;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_preprocess]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_preprocess" "--mutations" "15000" "/work/wt-tflite-mut/tests/fuzz/corpus/preprocess" "/work/wt-tflite-mut/tests/fuzz/regressions/preprocess")
set_tests_properties([=[fuzz_preprocess]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;46;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_options]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_options" "--mutations" "200000" "/work/wt-tflite-mut/tests/fuzz/corpus/options" "/work/wt-tflite-mut/tests/fuzz/regressions/options")
set_tests_properties([=[fuzz_options]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;47;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_runs]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_runs" "--mutations" "10000" "/work/wt-tflite-mut/tests/fuzz/corpus/runs" "/work/wt-tflite-mut/tests/fuzz/regressions/runs")
set_tests_properties([=[fuzz_runs]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;48;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
add_test([=[fuzz_userdigits]=] "/work/wt-tflite-mut/build-scratch/tests/fuzz/fuzz_userdigits" "--mutations" "8000" "/work/wt-tflite-mut/tests/fuzz/corpus/userdigits" "/work/wt-tflite-mut/tests/fuzz/regressions/userdigits")
set_tests_properties([=[fuzz_userdigits]=] PROPERTIES  LABELS "fuzz" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;20;add_test;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;49;tinyml_add_fuzz;/work/wt-tflite-mut/tests/fuzz/CMakeLists.txt;0;")
