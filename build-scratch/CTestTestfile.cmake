# CMake generated Testfile for 
# Source directory: /work/wt-tflite-mut
# Build directory: /work/wt-tflite-mut/build-scratch
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("core")
subdirs("ui")
subdirs("app")
subdirs("tests")
