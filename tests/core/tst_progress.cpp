// SPDX-License-Identifier: GPL-3.0-or-later
// Stopping and following the long engine computations (evaluation, quantization, int8
// evaluation, code generation) through core::Progress.
#include "core/base/progress.h"
#include "core/deploy/codegen.h"
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "testsupport.h"

#include <QTest>

#include <utility>
#include <vector>

using namespace tinyml;
using namespace tinyml::core;

namespace {

using Reports = std::vector<std::pair<std::int64_t, std::int64_t>>;

enum class Computation { Evaluate, Quantize, EvaluateQuantized, GenerateInt8 };

/// A small trained-looking network (He initialisation) with a softmax output.
Network network()
{
    Network net(ModelSpec::withHidden({16}, Activation::Relu));
    net.initialize(3);
    return net;
}

/// Runs one computation on data with progress.
void run(Computation c, const Network &net, const Dataset &data, const Progress &progress)
{
    switch (c) {
    case Computation::Evaluate:
        evaluate(net, data, {}, nullptr, nullptr, progress);
        break;
    case Computation::Quantize:
        quantize(net, data, int(data.size()), progress);
        break;
    case Computation::EvaluateQuantized:
        evaluateQuantized(net, quantize(net, data, 100), data, progress);
        break;
    case Computation::GenerateInt8: {
        ExportOptions options;
        options.precision = Precision::Int8;
        options.calibrationImages = int(data.size());
        generateCode(net, options, data, data, progress);
        break;
    }
    }
}

} // namespace

Q_DECLARE_METATYPE(Computation)

class TestProgress : public QObject
{
    Q_OBJECT

private slots:
    void reportsEveryChunkUpToTheTotal_data()
    {
        QTest::addColumn<Computation>("computation");
        QTest::addColumn<int>("images");
        QTest::addColumn<QList<qint64>>("expected"); // done values, in order
        // Chunks of 1,000 images (evaluation), 500 (calibration), 250 (int8 evaluation).
        QTest::newRow("evaluate 2500")
            << Computation::Evaluate << 2500 << QList<qint64>{0, 1000, 2000, 2500};
        QTest::newRow("evaluate 1000") << Computation::Evaluate << 1000 << QList<qint64>{0, 1000};
        QTest::newRow("quantize 1200")
            << Computation::Quantize << 1200 << QList<qint64>{0, 500, 1000, 1200};
        QTest::newRow("evaluate int8 600")
            << Computation::EvaluateQuantized << 600 << QList<qint64>{0, 250, 500, 600};
        QTest::newRow("generate int8 700")
            << Computation::GenerateInt8 << 700 << QList<qint64>{0, 500, 700};
    }
    void reportsEveryChunkUpToTheTotal()
    {
        QFETCH(Computation, computation);
        QFETCH(int, images);
        QFETCH(QList<qint64>, expected);
        const Dataset data = test::syntheticDigits(std::size_t(images));
        Reports reports;
        Progress progress;
        progress.report
            = [&](std::int64_t done, std::int64_t total) { reports.emplace_back(done, total); };
        run(computation, network(), data, progress);
        QCOMPARE(int(reports.size()), int(expected.size()));
        for (std::size_t i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].first, std::int64_t(expected[qsizetype(i)]));
            QCOMPARE(reports[i].second, std::int64_t(images));
        }
    }

    void aStopRequestThrowsCancelled_data()
    {
        QTest::addColumn<Computation>("computation");
        QTest::newRow("evaluate") << Computation::Evaluate;
        QTest::newRow("quantize") << Computation::Quantize;
        QTest::newRow("evaluate int8") << Computation::EvaluateQuantized;
        QTest::newRow("generate int8") << Computation::GenerateInt8;
    }
    void aStopRequestThrowsCancelled()
    {
        QFETCH(Computation, computation);
        const Dataset data = test::syntheticDigits(3000);
        const Network net = network();
        // Before it starts.
        std::stop_source before;
        before.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 run(computation, net, data, Progress{before.get_token(), {}}));
        // Midway: the stop comes with the first report after the start; nothing more is reported.
        std::stop_source midway;
        Reports reports;
        Progress progress{midway.get_token(), [&](std::int64_t done, std::int64_t total) {
                              reports.emplace_back(done, total);
                              if (done > 0)
                                  midway.request_stop();
                          }};
        QVERIFY_THROWS_EXCEPTION(Cancelled, run(computation, net, data, progress));
        QVERIFY(reports.size() >= 2);
        QVERIFY(reports.back().first > 0);
        QVERIFY(reports.back().first < reports.back().second); // it did not run to the end
    }

    void aStageMapsOntoItsSpan_data()
    {
        QTest::addColumn<qint64>("done");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("expected");
        // The span [200, 800) of 1000.
        QTest::newRow("start") << qint64(0) << qint64(40) << qint64(200);
        QTest::newRow("quarter") << qint64(10) << qint64(40) << qint64(350);
        QTest::newRow("end") << qint64(40) << qint64(40) << qint64(800);
        QTest::newRow("empty total") << qint64(0) << qint64(0) << qint64(200);
    }
    void aStageMapsOntoItsSpan()
    {
        QFETCH(qint64, done);
        QFETCH(qint64, total);
        QFETCH(qint64, expected);
        Reports reports;
        std::stop_source stop;
        Progress overall{stop.get_token(),
                         [&](std::int64_t d, std::int64_t t) { reports.emplace_back(d, t); }};
        const Progress stage = overall.stage(200, 800, 1000);
        stage.advance(done, total);
        QCOMPARE(int(reports.size()), 1);
        QCOMPARE(reports[0].first, std::int64_t(expected));
        QCOMPARE(reports[0].second, std::int64_t(1000));
        stop.request_stop(); // the stage shares the overall stop token
        QVERIFY_THROWS_EXCEPTION(Cancelled, stage.advance(done, total));
    }
};

QTEST_APPLESS_MAIN(TestProgress)
#include "tst_progress.moc"
