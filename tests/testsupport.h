// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the tests: fixture paths, synthetic learnable datasets, MNIST location.
#pragma once

#include "core/base/error.h"
#include "core/base/random.h"
#include "core/data/dataset.h"
#include "core/io/modelfile.h"
#include "core/nn/trainer.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstdlib>
#include <filesystem>
#include <optional>

namespace tinyml::test {

inline std::filesystem::path fixture(const char *name)
{
    const char *dir = std::getenv("TINYML_TEST_DATA");
    return std::filesystem::path(dir ? dir : "tests/data") / name;
}

/// A small learnable dataset: class k lights a k-dependent block of a 28x28 image, plus noise.
inline core::Dataset syntheticDigits(std::size_t count, std::uint64_t seed = 7)
{
    core::Dataset d;
    d.name = "synthetic";
    d.rows = 28;
    d.cols = 28;
    d.classNames = core::classNames(core::DatasetKind::Mnist);
    d.images.assign(count * 784, 0);
    d.labels.resize(count);
    core::Rng rng(seed);
    for (std::size_t i = 0; i < count; ++i) {
        const int k = int(rng.below(10));
        d.labels[i] = std::uint8_t(k);
        std::uint8_t *img = d.images.data() + i * 784;
        const int top = 2 + (k / 5) * 12, left = 2 + (k % 5) * 5;
        for (int y = top; y < top + 10; ++y)
            for (int x = left; x < left + 4; ++x)
                img[y * 28 + x] = std::uint8_t(150 + rng.below(100));
        for (int p = 0; p < 784; ++p)
            if (rng.below(20) == 0)
                img[p] = std::uint8_t(rng.below(120));
    }
    return d;
}

/// Writes a dataset as the four standard IDX file names into dir.
inline void writeAsMnist(const core::Dataset &train, const core::Dataset &test,
                         const std::filesystem::path &dir)
{
    core::writeIdxImages(dir / "train-images-idx3-ubyte", 28, 28, train.images);
    core::writeIdxLabels(dir / "train-labels-idx1-ubyte", train.labels);
    core::writeIdxImages(dir / "t10k-images-idx3-ubyte", 28, 28, test.images);
    core::writeIdxLabels(dir / "t10k-labels-idx1-ubyte", test.labels);
}

/// Outcomes as text, so that QCOMPARE prints them.
inline QString outcomeName(core::TrainOutcome outcome)
{
    const auto name = core::toString(outcome);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

/// The real MNIST folder (tests labelled "mnist" need it; the README's test command fetches it).
inline std::filesystem::path mnistDir() { return core::defaultMnistDirectory(); }

/// A model whose every weight is 0 and whose output bias favours `digit`: it answers `digit` for
/// every image, so its accuracy is the share of that digit among the labels.
inline std::shared_ptr<const core::LoadedModel> constantModel(int digit)
{
    core::Network net(core::ModelSpec::withHidden({16}, core::Activation::Relu));
    std::fill(net.parameters().begin(), net.parameters().end(), 0.0f);
    // The output layer's biases are the last 10 parameters (kernel, then bias, per layer).
    net.parameters()[net.parameters().size() - 10 + std::size_t(digit)] = 1.0f;
    return std::make_shared<const core::LoadedModel>(
        core::LoadedModel{std::move(net), std::nullopt, {}});
}

/// Image i of d as the network's input: 784 values in 0..1.
inline std::vector<float> inputOf(const core::Dataset &d, std::size_t i)
{
    std::vector<float> x(std::size_t(d.pixels()));
    for (std::size_t p = 0; p < x.size(); ++p)
        x[p] = float(d.image(i)[p]) / 255.0f;
    return x;
}

/// The central difference (loss(p + h) − loss(p − h)) / 2h of loss() in the parameter p, which
/// keeps its value: the finite-difference estimate of loss's derivative in p.
template<typename T, typename F> double centralDifference(T &p, T h, F &&loss)
{
    const T saved = p;
    p = saved + h;
    const double up = loss();
    p = saved - h;
    const double down = loss();
    p = saved;
    return (up - down) / (2.0 * double(h));
}

/// Runs f and returns the core::Error it throws, or nothing if it throws none.
template<typename F> std::optional<core::Error> caught(F &&f)
{
    try {
        f();
    } catch (const core::Error &e) {
        return e;
    }
    return std::nullopt;
}

/// Writes bytes to file; returns file, or an empty string when it cannot be written.
inline QString writeBytes(const QString &file, const std::vector<std::uint8_t> &bytes)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
    return file;
}

} // namespace tinyml::test
