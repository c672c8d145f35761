// SPDX-License-Identifier: GPL-3.0-or-later
// On the real MNIST files (CTest label "mnist"; the README's test command fetches them).
#include "core/data/preprocess.h"
#include "core/nn/trainer.h"
#include "core/base/error.h"
#include "testsupport.h"

#include <QTest>

using namespace tinyml::core;

class TestMnist : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
    }

    void filesAreTheOriginals()
    {
        QCOMPARE(m_train.size(), std::size_t(60000));
        QCOMPARE(m_test.size(), std::size_t(10000));
        QCOMPARE(m_train.rows, 28);
        const std::vector<std::uint8_t> firstTrain(m_train.labels.begin(), m_train.labels.begin() + 10);
        QCOMPARE(firstTrain, (std::vector<std::uint8_t>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}));
        const std::vector<std::uint8_t> firstTest(m_test.labels.begin(), m_test.labels.begin() + 10);
        QCOMPARE(firstTest, (std::vector<std::uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}));
    }

    void oneEpochOfTheCourseModel()
    {
        const ModelSpec spec = ModelSpec::courseModel();
        QCOMPARE(spec.parameterCount(), 101770);
        QCOMPARE(spec.macCount(), 101632);
        Network net(spec);
        net.initialize(42);
        Optimizer opt(spec.optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = 1;
        Trainer trainer(net, opt, config, m_train);
        const TrainResult r = trainer.run();
        QCOMPARE(tinyml::test::outcomeName(r.outcome), tinyml::test::outcomeName(TrainOutcome::Completed));
        QCOMPARE(r.steps, 1875);
        const Evaluation ev = evaluate(net, m_test);
        qInfo("one epoch: train loss %.4f, test accuracy %.4f, %.3f s", r.history[0].loss, ev.accuracy, r.history[0].seconds);
        QVERIFY2(ev.accuracy >= 0.95, qPrintable(QString::number(ev.accuracy)));
    }

    void meanCentreOfMassIsTheFieldCentre()
    {
        // MNIST's digits have their intensity-weighted centre of mass at the middle of the 28 x 28
        // field, (14, 14) in index coordinates, which the preprocessing reproduces (kFieldCentre).
        // Measured here with its own loop, not with the preprocessing's centreOfMass.
        double sx = 0, sy = 0;
        for (std::size_t i = 0; i < m_test.size(); ++i) {
            const std::uint8_t *img = m_test.image(i);
            double total = 0, cx = 0, cy = 0;
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) {
                    total += img[y * 28 + x];
                    cx += double(img[y * 28 + x]) * x;
                    cy += double(img[y * 28 + x]) * y;
                }
            sx += cx / total;
            sy += cy / total;
        }
        QVERIFY2(std::abs(sx / 10000 - 14.0) < 0.1 && std::abs(sy / 10000 - 14.0) < 0.1,
                 qPrintable(QStringLiteral("%1, %2").arg(sx / 10000).arg(sy / 10000)));
        QCOMPARE(kFieldCentre, 14.0);
    }

    void fashionMnistLoadsThroughTheSameReader()
    {
        const auto dir = defaultFashionDirectory();
        if (!std::filesystem::exists(dir / "t10k-images-idx3-ubyte.gz"))
            QSKIP("Debian's dataset-fashion-mnist is not installed");
        const Dataset d = loadDataset(DatasetKind::FashionMnist, Split::Test, dir);
        QCOMPARE(d.size(), std::size_t(10000));
        QCOMPARE(d.classNames[9], std::string("Ankle boot"));
    }
};

QTEST_GUILESS_MAIN(TestMnist)
#include "tst_mnist.moc"
