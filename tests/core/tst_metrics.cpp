// SPDX-License-Identifier: GPL-3.0-or-later
// Per-class metrics and the normalised confusion matrix against a hand-made matrix whose
// answers are worked out here, and the Keras-like summary against Keras's own numbers.
#include "core/nn/metrics.h"

#include <QTest>

using namespace tinyml::core;

class TestMetrics : public QObject
{
    Q_OBJECT

    /// Three classes, rows true, columns predicted:
    ///   a: 8 right, 2 taken for b
    ///   b: 1 taken for a, 4 right
    ///   c: never right: 3 taken for b; c is never predicted
    static Evaluation handMade()
    {
        Evaluation e;
        e.classes = 3;
        e.confusion = {8, 2, 0, //
                       1, 4, 0, //
                       0, 3, 0};
        return e;
    }

private slots:
    void perClass_data()
    {
        QTest::addColumn<int>("cls");
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("predicted");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("f1");
        // a: recall 8/10, precision 8/9, F1 = 2·(8/9)(8/10)/((8/9)+(8/10)) = 16/19
        QTest::newRow("a") << 0 << 10 << 9 << 0.8 << 8.0 / 9.0 << 16.0 / 19.0;
        // b: recall 4/5, precision 4/9, F1 = 2·(4/9)(4/5)/((4/9)+(4/5)) = 4/7
        QTest::newRow("b") << 1 << 5 << 9 << 0.8 << 4.0 / 9.0 << 4.0 / 7.0;
        // c: nothing right, never predicted
        QTest::newRow("c, never predicted") << 2 << 3 << 0 << 0.0 << 0.0 << 0.0;
    }
    void perClass()
    {
        QFETCH(int, cls);
        QFETCH(int, images);
        QFETCH(int, predicted);
        QFETCH(double, recall);
        QFETCH(double, precision);
        QFETCH(double, f1);
        const auto m = classMetrics(handMade());
        QCOMPARE(int(m.size()), 3);
        const ClassMetrics &c = m[std::size_t(cls)];
        QCOMPARE(c.images, images);
        QCOMPARE(c.predicted, predicted);
        QVERIFY(std::abs(c.recall - recall) < 1e-12);
        QVERIFY(std::abs(c.precision - precision) < 1e-12);
        QVERIFY(std::abs(c.f1 - f1) < 1e-12);
    }

    void rowsAddUpToOne()
    {
        const auto r = rowNormalised(handMade());
        QCOMPARE(int(r.size()), 9);
        const double expected[] = {0.8, 0.2, 0.0, 0.2, 0.8, 0.0, 0.0, 1.0, 0.0};
        for (int i = 0; i < 9; ++i)
            QVERIFY2(std::abs(r[std::size_t(i)] - expected[i]) < 1e-12,
                     qPrintable(QString::number(i)));
    }

    void emptyRowStaysZero()
    {
        Evaluation e;
        e.classes = 2;
        e.confusion = {0, 0, 3, 1};
        const auto r = rowNormalised(e);
        QCOMPARE(r[0], 0.0);
        QCOMPARE(r[1], 0.0);
        QCOMPARE(r[2], 0.75);
        const auto m = classMetrics(e);
        QCOMPARE(m[0].images, 0);
        QCOMPARE(m[0].recall, 0.0);
        QCOMPARE(m[0].predicted, 3);
        QCOMPARE(m[0].precision, 0.0);
    }

    void noClassesNoMetrics() { QVERIFY(classMetrics(Evaluation{}).empty()); }

    void kerasSummaryOfTheCourseModel()
    {
        // Keras prints for the course model: dense (Dense) (None, 128) 100480; dense_1 (Dense)
        // (None, 10) 1290; total 101770.
        const auto rows = modelSummary(ModelSpec::courseModel());
        QCOMPARE(int(rows.size()), 2);
        QCOMPARE(QString::fromStdString(rows[0].name), QStringLiteral("dense"));
        QCOMPARE(QString::fromStdString(rows[0].type), QStringLiteral("Dense"));
        QCOMPARE(rows[0].output.size(), std::int64_t(128));
        QCOMPARE(rows[0].parameters, std::int64_t(784 * 128 + 128));
        QCOMPARE(QString::fromStdString(rows[1].name), QStringLiteral("dense_1"));
        QCOMPARE(rows[1].parameters, std::int64_t(128 * 10 + 10));
    }

    void kerasSummaryOfASmallCnn()
    {
        // Conv2D(8, 3) -> MaxPooling2D(2) -> Flatten -> Dense(10): Keras gives (26, 26, 8) with
        // 3·3·1·8 + 8 = 80 parameters, (13, 13, 8), (1352), and 1352·10 + 10 = 13530.
        ModelSpec spec = ModelSpec::withLayers({LayerSpec::conv2d(8, 3, Activation::Relu),
                                                LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                                LayerSpec::dense(10, Activation::Softmax)});
        spec.validate();
        const auto rows = modelSummary(spec);
        QCOMPARE(int(rows.size()), 4);
        QCOMPARE(QString::fromStdString(rows[0].name), QStringLiteral("conv2d"));
        QCOMPARE(rows[0].output, Shape::hwc(26, 26, 8));
        QCOMPARE(rows[0].parameters, std::int64_t(80));
        QCOMPARE(QString::fromStdString(rows[1].name), QStringLiteral("max_pooling2d"));
        QCOMPARE(rows[1].output, Shape::hwc(13, 13, 8));
        QCOMPARE(rows[1].parameters, std::int64_t(0));
        QCOMPARE(QString::fromStdString(rows[2].type), QStringLiteral("Flatten"));
        QCOMPARE(rows[2].output.size(), std::int64_t(1352));
        QCOMPARE(QString::fromStdString(rows[3].name), QStringLiteral("dense"));
        QCOMPARE(rows[3].parameters, std::int64_t(13530));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
