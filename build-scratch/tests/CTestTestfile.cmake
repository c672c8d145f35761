# CMake generated Testfile for 
# Source directory: /work/wt-tflite-mut/tests
# Build directory: /work/wt-tflite-mut/build-scratch/tests
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("core")
subdirs("ui")
subdirs("app")
subdirs("fuzz")
subdirs("tflite")
