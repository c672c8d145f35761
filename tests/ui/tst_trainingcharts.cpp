// SPDX-License-Identifier: GPL-3.0-or-later
// The training charts show what a learner must see: overfitting, the best epoch, divergence.
#include "ui/train/trainingcharts.h"

#include <qcustomplot.h>

#include <QTest>

#include <cmath>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

core::EpochReport epoch(int n, double loss, double accuracy, double valLoss, double valAccuracy)
{
    core::EpochReport e;
    e.epoch = n;
    e.epochs = 10;
    e.loss = loss;
    e.accuracy = accuracy;
    e.hasValidation = true;
    e.valLoss = valLoss;
    e.valAccuracy = valAccuracy;
    return e;
}

/// Pixels between two values on a chart's value axis.
double pixels(QCPAxis *axis, double a, double b) { return std::abs(axis->coordToPixel(a) - axis->coordToPixel(b)); }

} // namespace

class TestTrainingCharts : public QObject
{
    Q_OBJECT

    static void settle(TrainingCharts &charts)
    {
        charts.resize(900, 600);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        // Replots are throttled to ten a second: wait until the data is drawn.
        QTRY_VERIFY(charts.lossPlot()->legend->visible());
    }

private slots:
    void overfittingIsVisible()
    {
        // The run: validation loss from 0.368 to 0.430 while training loss falls to 0.02,
        // and accuracies between 0.92 and 0.99.
        TrainingCharts charts;
        const double val[] = {0.40, 0.368, 0.372, 0.385, 0.40, 0.415, 0.430};
        for (int e = 1; e <= 7; ++e)
            charts.addEpoch(epoch(e, 0.3 / e, 0.92 + 0.01 * e, val[e - 1], 0.93 + 0.002 * e));
        settle(charts);
        QTRY_COMPARE(charts.bestEpochLabel()->visible(), true);
        charts.lossPlot()->replot();
        charts.accuracyPlot()->replot();
        QCPAxis *lossAxis = charts.lossPlot()->yAxis;
        QCOMPARE(lossAxis->scaleType(), QCPAxis::stLinear);
        // The rise from the minimum to the end is a visible slope: at least 20 pixels.
        QVERIFY2(pixels(lossAxis, 0.368, 0.430) >= 20.0,
                 qPrintable(QString::number(pixels(lossAxis, 0.368, 0.430))));
        // Every point is inside the axis range.
        QVERIFY(lossAxis->range().lower <= 0.3 / 7 && lossAxis->range().upper >= 0.430);
        // Accuracy zoomed to the data, not 0..1: 0.92 to 0.99 spans most of the chart.
        const QCPRange acc = charts.accuracyPlot()->yAxis->range();
        QVERIFY2(acc.lower >= 0.85 && acc.lower <= 0.93 && acc.upper >= 0.99 && acc.upper <= 1.0,
                 qPrintable(QStringLiteral("%1..%2").arg(acc.lower).arg(acc.upper)));
        // The best epoch is marked: epoch 2 (0.368), and not (yet) as restored.
        QCOMPARE(charts.bestValidationEpoch(), 2);
        QCOMPARE(charts.bestEpochLine()->point1->coords().x(), 2.0);
        QVERIFY(charts.bestEpochLabel()->text().contains(QStringLiteral("epoch 2")));
        QVERIFY(!charts.bestEpochLabel()->text().contains(QStringLiteral("restored")));
        charts.markRestored(2);
        QTRY_VERIFY(charts.bestEpochLabel()->text().contains(QStringLiteral("restored")));
    }

    void legendsStayOutsideTheData()
    {
        TrainingCharts charts;
        for (int e = 1; e <= 5; ++e)
            charts.addEpoch(epoch(e, 1.0 / e, 0.9, 1.0 / e + 0.1, 0.88));
        settle(charts);
        charts.lossPlot()->replot();
        for (QCustomPlot *plot : {charts.lossPlot(), charts.accuracyPlot()}) {
            QVERIFY(plot->legend->visible());
            const QRect legend = plot->legend->outerRect();
            const QRect data = plot->axisRect()->rect();
            QVERIFY2(!legend.intersects(data), qPrintable(plot->objectName()));
            QVERIFY(legend.top() >= data.bottom());
        }
    }

    void legendEntriesAreNeverCut()
    {
        // Large text in a narrow window: two entries side by side would run off the chart, so
        // each takes a row of its own, and every entry lies inside its chart.
        TrainingCharts charts;
        QFont large = charts.font();
        large.setPointSizeF(large.pointSizeF() * 2.0);
        charts.setFont(large);
        for (int e = 1; e <= 3; ++e)
            charts.addEpoch(epoch(e, 1.0 / e, 0.9, 1.0 / e + 0.1, 0.88));
        settle(charts);
        charts.resize(640, 600);
        charts.addEpoch(epoch(4, 0.2, 0.9, 0.3, 0.88)); // a replot at the new width
        QTRY_VERIFY(charts.lossPlot()->legend->wrap() == 1);
        for (QCustomPlot *plot : {charts.lossPlot(), charts.accuracyPlot()}) {
            plot->replot();
            for (int i = 0; i < plot->legend->itemCount(); ++i)
                if (const QCPAbstractLegendItem *item = plot->legend->item(i))
                    QVERIFY2(item->outerRect().right() <= plot->width(), qPrintable(plot->objectName()));
        }
    }

    void divergenceAtTheFirstBatchesIsDrawn()
    {
        // Batch losses of a run that explodes: 2.3, 40, 9,000, then infinity stops it at step 4.
        TrainingCharts charts;
        charts.addBatchLosses({2.3f, 40.0f, 9000.0f}, 1, 1875);
        charts.markDiverged(4, 1875, std::numeric_limits<double>::infinity());
        settle(charts);
        QTRY_VERIFY(charts.stopLabel()->visible());
        QVERIFY(charts.lossPlot()->yAxis->range().upper >= charts.smoothedLossY().back()); // the spike
        charts.setLogScale(true);
        QCOMPARE(charts.lossPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QTRY_VERIFY(charts.lossPlot()->yAxis->range().lower > 0.0);
        // Every one of the first batches is a point, and the axis reaches the explosion.
        QCOMPARE(charts.smoothedLossX().size(), std::size_t(3));
        QVERIFY(charts.smoothedLossY().back() > 1000.0); // the smoothed curve rises with it
        QVERIFY(charts.lossPlot()->yAxis->range().upper >= charts.smoothedLossY().back());
        QVERIFY(charts.lossPlot()->yAxis->range().lower <= 2.3);
        QVERIFY2(charts.stopLabel()->text().contains(QStringLiteral("batch 4")), qPrintable(charts.stopLabel()->text()));
        QVERIFY(charts.stopLabel()->text().contains(QStringLiteral("∞")));

        // A finite explosion is drawn as a point too.
        TrainingCharts finite;
        finite.addBatchLosses({2.3f}, 1, 100);
        finite.markDiverged(2, 100, 5.0e4);
        settle(finite);
        QCOMPARE(finite.lossPlot()->graph(0)->dataCount(), 2);
        QTRY_VERIFY(finite.lossPlot()->yAxis->range().upper >= 5.0e4);
    }

    void smoothingFollowsShortEpochs()
    {
        // 32 batches per epoch (1,000 images): the smoothed curve at the end of epoch 2 follows
        // a loss that fell from 2 to 0.5 at the start of epoch 2, instead of lagging an epoch.
        TrainingCharts charts;
        std::vector<float> losses(64, 0.5f);
        std::fill(losses.begin(), losses.begin() + 32, 2.0f);
        charts.addBatchLosses(losses, 1, 32);
        QCOMPARE(charts.smoothedLossX().back(), 2.0);
        QVERIFY2(charts.smoothedLossY().back() < 0.55, qPrintable(QString::number(charts.smoothedLossY().back())));
        // Debiased: the first point is the first loss, not pulled towards 0.
        QCOMPARE(charts.smoothedLossY().front(), 2.0);
    }
};

QTEST_MAIN(TestTrainingCharts)
#include "tst_trainingcharts.moc"
