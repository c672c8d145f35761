// SPDX-License-Identifier: GPL-3.0-or-later
// The bookkeeping of the training loop and of evaluate(), on networks whose every loss is known
// in closed form: a 1-pixel input and a 2-class softmax with hand-set weights, trained with a
// learning rate so small (1e-30) that no weight moves: the epoch's loss is the mean of known
// per-image losses, whatever the batches.
#include "core/nn/trainer.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

/// n one-pixel images with the given bytes and labels.
Dataset onePixelImages(const std::vector<std::uint8_t> &pixels,
                       const std::vector<std::uint8_t> &labels)
{
    Dataset d;
    d.name = "one pixel";
    d.rows = 1;
    d.cols = 1;
    d.images = pixels;
    d.labels = labels;
    return d;
}

/// 1 input, 2 softmax outputs, z = (2x, -2x): the loss of an image x with label 0 is
/// -ln(e^{2x} / (e^{2x} + e^{-2x})) = ln(1 + e^{-4x}).
Network frozenNetwork()
{
    ModelSpec spec = ModelSpec::withHidden({}, Activation::Relu, 2);
    spec.inputSize = 1;
    spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
    spec.optimizer.learningRate = 1e-30f;
    Network net(spec);
    net.weights(0)(0, 0) = 2.0f;
    net.weights(0)(1, 0) = -2.0f;
    return net;
}

double lossOfPixel(int pixel)
{
    return std::log(1.0 + std::exp(-4.0 * pixel / 255.0));
}

struct Recorder : TrainingObserver
{
    std::vector<BatchReport> batches;
    std::vector<EpochReport> epochs;
    void batchFinished(const BatchReport &r, const Network &) override { batches.push_back(r); }
    void epochFinished(const EpochReport &r, const Network &) override { epochs.push_back(r); }
};

} // namespace

class TestTrainingLoop : public QObject
{
    Q_OBJECT

private slots:
    void epochLossIsTheMeanOverImages()
    {
        // Five images, batches of 2: batches of 2, 2 and 1 image.
        const std::vector<std::uint8_t> pixels{0, 51, 102, 153, 204};
        const Dataset data = onePixelImages(pixels, std::vector<std::uint8_t>(5, 0));
        Network net = frozenNetwork();
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = 3;
        config.batchSize = 2;
        Recorder rec;
        const TrainResult result = Trainer(net, opt, config, data).run({}, &rec);
        QCOMPARE(int(result.history.size()), 3);
        QCOMPARE(int(rec.batches.size()), 3 * 3); // the last, partial batch is trained too
        for (const BatchReport &b : rec.batches)
            QCOMPARE(b.batchesPerEpoch, 3);
        double mean = 0.0;
        for (int p : pixels)
            mean += lossOfPixel(p) / 5.0;
        // x = 0, 0.2, 0.4, 0.6, 0.8: ln 2, 0.371101, 0.183901, 0.086836, 0.039953; mean 0.274988
        QVERIFY(std::abs(mean - 0.274988) < 1e-6);
        for (const EpochReport &e : result.history)
            QVERIFY2(std::abs(e.loss - mean) < 1e-6, qPrintable(QString::number(e.loss, 'g', 9)));
        // The running mean after the last batch is the epoch's mean too.
        QVERIFY(std::abs(double(rec.batches.back().loss) - mean) < 1e-6);
    }

    void evaluateOverSeveralChunks()
    {
        // 1500 images (more than one chunk of work), the first 1000 of class 0, the rest of
        // class 1. Zero weights and biases (0, ln 3): every image gets p = (1/4, 3/4).
        std::vector<std::uint8_t> labels(1500, 0);
        std::fill(labels.begin() + 1000, labels.end(), 1);
        std::vector<std::uint8_t> pixels(1500);
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = std::uint8_t(i * 7 % 256);
        const Dataset data = onePixelImages(pixels, labels);
        ModelSpec spec = ModelSpec::withHidden({}, Activation::Relu, 2);
        spec.inputSize = 1;
        Network net(spec);
        net.bias(0)(1) = float(std::log(3.0));
        std::vector<std::uint8_t> predictions;
        std::vector<float> confidences;
        const Evaluation ev = evaluate(net, data, {}, &predictions, &confidences);
        // Loss: class 0 costs ln 4, class 1 costs ln 4/3; mean (1000 ln 4 + 500 ln 4/3) / 1500.
        const double expected = (1000.0 * std::log(4.0) + 500.0 * std::log(4.0 / 3.0)) / 1500.0;
        QVERIFY2(std::abs(ev.loss - expected) < 1e-6, qPrintable(QString::number(ev.loss, 'g', 9)));
        QCOMPARE(ev.accuracy, 500.0 / 1500.0);
        // Rows are the true class, columns the prediction (always 1).
        QCOMPARE(ev.classes, 2);
        QCOMPARE(ev.count(0, 1), 1000);
        QCOMPARE(ev.count(1, 1), 500);
        QCOMPARE(ev.count(0, 0), 0);
        QCOMPARE(ev.count(1, 0), 0);
        QCOMPARE(ev.confusion, (std::vector<int>{0, 1000, 0, 500}));
        QCOMPARE(predictions, std::vector<std::uint8_t>(1500, 1));
        for (float c : confidences)
            QVERIFY(std::abs(c - 0.75f) < 1e-6f);
        // A subset by indices: images 998..1001, two of each class.
        const std::vector<std::uint32_t> some{998, 999, 1000, 1001};
        const Evaluation part = evaluate(net, data, some);
        QVERIFY(std::abs(part.loss - (std::log(4.0) + std::log(4.0 / 3.0)) / 2.0) < 1e-6);
        QCOMPARE(part.confusion, (std::vector<int>{0, 2, 0, 2}));
    }
};

QTEST_GUILESS_MAIN(TestTrainingLoop)
#include "tst_trainingloop.moc"
