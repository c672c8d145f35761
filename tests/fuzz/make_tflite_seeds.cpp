// SPDX-License-Identifier: GPL-3.0-or-later
// Writes small .tflite files with the studio's own writer, as seeds for fuzz_tflite:
//   fuzz_make_tflite_seeds FOLDER
// Dense, convolutional, depthwise and pooling stacks on an 8×8 input, every activation the
// writer emits, and fully-integer int8 files (dense, convolutional, dense as 1x1 CONV_2D), each
// a few kilobytes so that mutations reach every table. Byte 0 of a seed is the harness's input-range choice.

#include "core/deploy/quantize.h"
#include "core/tflite/tflitewriter.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace tinyml::core;

namespace {

void write(const std::filesystem::path &folder,
           const std::string &name,
           char range,
           const std::vector<std::uint8_t> &bytes)
{
    std::ofstream out(folder / (name + ".seed"), std::ios::binary | std::ios::trunc);
    out.write(&range, 1);
    out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_tflite_seeds FOLDER\n");
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    const Shape image = Shape::hwc(8, 8, 1);
    struct Seed
    {
        const char *name;
        char range;
        ModelSpec spec;
    };
    const std::vector<Seed> seeds{
        {"dense-relu-softmax", 0,
         ModelSpec::withLayers(
             {LayerSpec::dense(6, Activation::Relu), LayerSpec::dense(4, Activation::Softmax)},
             Shape::flat(16))},
        {"dense-sigmoid-tanh-leaky", 2,
         ModelSpec::withLayers(
             {LayerSpec::dense(5, Activation::Sigmoid), LayerSpec::dense(4, Activation::Tanh),
              LayerSpec::dense(3, Activation::LeakyRelu), LayerSpec::dense(3, Activation::Linear)},
             Shape::flat(12))},
        {"conv-maxpool", 0,
         ModelSpec::withLayers({LayerSpec::conv2d(2, 3, Activation::Relu),
                                LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                LayerSpec::dense(3, Activation::Softmax)},
                               image)},
        {"conv-same-depthwise-avgpool", 3,
         ModelSpec::withLayers({LayerSpec::conv2d(2, 3, Activation::Relu, 2, Padding::Same),
                                LayerSpec::depthwiseConv2d(3, Activation::Linear),
                                LayerSpec::averagePooling2d(2, 1, Padding::Same),
                                LayerSpec::flatten(), LayerSpec::dense(3, Activation::Softmax)},
                               image)},
    };
    for (const Seed &s : seeds) {
        Network net(s.spec);
        net.initialize(1);
        write(folder, s.name, s.range, writeTfliteFloat(net));
    }
    // A fully-integer int8 file (QUANTIZE-free: int8 input and output).
    Network net(ModelSpec::withLayers(
        {LayerSpec::dense(5, Activation::Relu), LayerSpec::dense(3, Activation::Softmax)},
        Shape::flat(16)));
    net.initialize(2);
    Dataset d;
    d.name = "seeds";
    d.rows = 4;
    d.cols = 4;
    for (int i = 0; i < 4 * 16; ++i)
        d.images.push_back(std::uint8_t(i * 29 % 256));
    d.labels = {0, 1, 2, 0};
    write(folder, "int8-dense", 1, writeTfliteInt8(quantize(net, d, 4)));
    // Fully-integer files that the import runs with their own int8 numbers: convolutions with
    // per-channel scales, depthwise, both poolings; per-channel Dense as 1x1 CONV_2D.
    d.rows = 8;
    d.cols = 8;
    d.images.resize(4 * 64);
    for (std::size_t i = 0; i < d.images.size(); ++i)
        d.images[i] = std::uint8_t(i * 37 % 256);
    Network conv(ModelSpec::withLayers(
        {LayerSpec::conv2d(2, 3, Activation::Relu, 2, Padding::Same),
         LayerSpec::depthwiseConv2d(3, Activation::Linear, 1, Padding::Same),
         LayerSpec::maxPooling2d(2, 1), LayerSpec::averagePooling2d(2), LayerSpec::flatten(),
         LayerSpec::dense(3, Activation::Softmax)},
        image));
    conv.initialize(3);
    write(folder, "int8-conv-depthwise-pools", 0, writeTfliteInt8(quantize(conv, d, 4)));
    d.rows = 4;
    d.cols = 4;
    d.images.resize(4 * 16);
    write(folder, "int8-dense-per-channel-as-conv", 1,
          writeTfliteInt8(quantize(net, d, 4, {}, {.dense = DenseQuantization::PerChannel}),
                          nullptr, true));
    return 0;
}
