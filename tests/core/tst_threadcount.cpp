// SPDX-License-Identifier: GPL-3.0-or-later
// On real MNIST images: the same seed trains bit-identical weights on 1, 2 and 3 threads, for the
// course model with dropout and augmentation (4 shards), with L2 at batch 32 (one shard whose first
// layer runs in parts on the pool) and for the small CNN, and evaluation gives
// the same numbers on any number of threads.
#include "core/nn/layersyntax.h"
#include "core/nn/trainer.h"
#include "testsupport.h"

#include <QTest>

#include <cstring>

using namespace tinyml::core;

class TestThreadCount : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;

    struct Outcome
    {
        std::vector<float> weights;
        std::vector<EpochReport> history;
        Evaluation test;
        std::vector<std::uint8_t> predictions;
    };

    Outcome train(const ModelSpec &spec, const TrainConfig &config, int threads)
    {
        ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
        Network net(spec);
        net.initialize(config.seed);
        Optimizer opt(spec.optimizer, net.parameters().size());
        Trainer trainer(net, opt, config, m_train);
        trainer.setThreadPool(pool);
        Outcome o;
        o.history = trainer.run().history;
        o.weights.assign(net.parameters().begin(), net.parameters().end());
        o.test = evaluate(net, m_test, {}, &o.predictions, nullptr, {}, &pool);
        return o;
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
    }

    void sameResultsOnAnyThreadCount_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<float>("dropout");
        QTest::addColumn<float>("l2");
        QTest::addColumn<bool>("augment");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("minAccuracy");
        QTest::newRow("course model, dropout, augmentation, batch 100")
            << QString() << 0.2f << 0.0f << true << 100 << 0.5;
        // One shard: the first layer's products run in parts on the pool (denseParts()).
        QTest::newRow("course model, L2, batch 32")
            << QString() << 0.0f << 0.0005f << false << 32 << 0.5;
        QTest::newRow("small CNN, batch 32")
            << QStringLiteral("Conv2D(8, 3, activation=relu), MaxPooling2D(2), "
                              "Conv2D(16, 3, activation=relu), MaxPooling2D(2), Flatten(), "
                              "Dense(10, activation=softmax)")
            << 0.0f << 0.0f << false << 32 << 0.5;
    }
    void sameResultsOnAnyThreadCount()
    {
        QFETCH(QString, layers);
        QFETCH(float, dropout);
        QFETCH(float, l2);
        QFETCH(bool, augment);
        QFETCH(int, batch);
        QFETCH(double, minAccuracy);
        ModelSpec spec = layers.isEmpty() ? ModelSpec::courseModel()
                                          : modelFromLayers(parseLayers(layers.toStdString()));
        spec.dropout = dropout;
        spec.l2 = l2;
        TrainConfig config;
        config.epochs = 1;
        config.batchSize = batch;
        config.seed = 3;
        config.augment = augment;
        config.trainSubset = 3000;
        config.validationSplit = 0.1f;
        const Outcome one = train(spec, config, 1);
        // It learned (chance: 0.1); 2,700 images, one epoch.
        QVERIFY2(one.test.accuracy > minAccuracy, qPrintable(QString::number(one.test.accuracy)));
        for (int threads : {2, 3}) {
            const Outcome other = train(spec, config, threads);
            QCOMPARE(other.weights.size(), one.weights.size());
            QVERIFY2(std::memcmp(other.weights.data(), one.weights.data(),
                                 one.weights.size() * sizeof(float))
                         == 0,
                     qPrintable(QStringLiteral("%1 threads").arg(threads)));
            QCOMPARE(other.history.size(), one.history.size());
            QCOMPARE(other.history[0].loss, one.history[0].loss);
            QCOMPARE(other.history[0].valLoss, one.history[0].valLoss);
            QCOMPARE(other.test.loss, one.test.loss);
            QCOMPARE(other.test.confusion, one.test.confusion);
            QCOMPARE(other.predictions, one.predictions);
        }
    }
};

QTEST_GUILESS_MAIN(TestThreadCount)
#include "tst_threadcount.moc"
