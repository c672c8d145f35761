// SPDX-License-Identifier: GPL-3.0-or-later
// Writes valid model files with the library's own writer, as seeds for fuzz_modelfile:
//   fuzz_make_model_seeds FOLDER
// Small networks of every activation, loss, optimizer and initializer, with and without the
// optimizer's state and facts, so that each seed is a few hundred bytes and mutations reach
// every field.

#include "core/io/modelfile.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace tinyml::core;

namespace {

/// Writes name.seed (first byte 0: the file as it is) and name-crc.seed (first byte 1: the file
/// without its checksum, which fuzz_modelfile appends).
void write(const std::filesystem::path &folder, const std::string &name,
           const std::vector<std::uint8_t> &model)
{
    for (const bool withoutCrc : {false, true}) {
        std::ofstream out(folder / (name + (withoutCrc ? "-crc.seed" : ".seed")),
                          std::ios::binary | std::ios::trunc);
        const char mode = withoutCrc ? 1 : 0;
        out.write(&mode, 1);
        out.write(reinterpret_cast<const char *>(model.data()),
                  std::streamsize(model.size() - (withoutCrc ? 4 : 0)));
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_model_seeds FOLDER\n");
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);

    struct Seed
    {
        const char *name;
        int input;
        std::vector<LayerSpec> layers;
        LossKind loss;
        OptimizerKind optimizer;
        bool withState;
        float l2, dropout;
    };
    const std::vector<Seed> seeds{
        {"relu-adam-state", 4, {{3, Activation::Relu}, {2, Activation::Softmax}},
         LossKind::SparseCategoricalCrossentropy, OptimizerKind::Adam, true, 0.0f, 0.0f},
        {"sigmoid-sgd", 3, {{2, Activation::Sigmoid}, {3, Activation::Softmax}},
         LossKind::SparseCategoricalCrossentropy, OptimizerKind::Sgd, false, 0.01f, 0.2f},
        {"tanh-momentum-mse", 2, {{2, Activation::Tanh}, {2, Activation::Linear}},
         LossKind::MeanSquaredError, OptimizerKind::Momentum, true, 0.0f, 0.0f},
        {"leaky-rmsprop-deep", 5,
         {{4, Activation::LeakyRelu}, {3, Activation::Relu}, {10, Activation::Softmax}},
         LossKind::SparseCategoricalCrossentropy, OptimizerKind::RmsProp, true, 0.001f, 0.5f},
        {"no-hidden", 6, {{10, Activation::Softmax}}, LossKind::SparseCategoricalCrossentropy,
         OptimizerKind::Adam, false, 0.0f, 0.0f},
        {"mnist-shaped", 784, {{2, Activation::Relu}, {10, Activation::Softmax}},
         LossKind::SparseCategoricalCrossentropy, OptimizerKind::Adam, false, 0.0f, 0.0f},
    };
    for (const auto &s : seeds) {
        ModelSpec spec;
        spec.inputSize = s.input;
        spec.layers = s.layers;
        spec.loss = s.loss;
        spec.l2 = s.l2;
        spec.dropout = s.dropout;
        spec.optimizer = OptimizerSpec::defaultsFor(s.optimizer);
        Network net(spec);
        net.initialize(7);
        ModelInfo info{{"dataset", "mnist"}, {"test_accuracy", "0.5"}};
        if (s.withState) {
            Optimizer opt(spec.optimizer, net.parameters().size());
            std::vector<float> grads(net.parameters().size(), 0.01f);
            opt.step(net.parameters(), grads);
            write(folder, s.name, serializeModel(net, &opt, info));
        } else {
            write(folder, s.name, serializeModel(net, nullptr, {}));
        }
    }
    std::printf("%zu model seeds in %s\n", 2 * seeds.size(), folder.c_str());
    return 0;
}
