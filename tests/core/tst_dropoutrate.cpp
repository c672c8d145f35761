// SPDX-License-Identifier: GPL-3.0-or-later
// The dropout rate must be in [0, 1): a rate of 1 would drop every activation and divide by
// 1 - p = 0 (the forward and backward passes with dropout are checked in tst_initialization,
// tst_gradient and tst_golden).
#include "core/base/error.h"
#include "core/nn/network.h"

#include <QTest>

using namespace tinyml::core;

class TestDropoutRate : public QObject
{
    Q_OBJECT

private slots:
    void rateMustBeBelowOne_data()
    {
        QTest::addColumn<float>("rate");
        QTest::addColumn<bool>("valid");
        QTest::newRow("0") << 0.0f << true;
        QTest::newRow("0.999") << 0.999f << true;
        // 1 would drop every activation and divide by 1 - p = 0.
        QTest::newRow("1") << 1.0f << false;
        QTest::newRow("negative") << -0.1f << false;
    }
    void rateMustBeBelowOne()
    {
        QFETCH(float, rate);
        QFETCH(bool, valid);
        ModelSpec spec = ModelSpec::withHidden({4}, Activation::Relu, 2);
        spec.inputSize = 3;
        spec.dropout = rate;
        if (valid)
            QCOMPARE(Network(spec).spec().dropout, rate);
        else
            QVERIFY_THROWS_EXCEPTION(Error, Network{spec});
    }
};

QTEST_GUILESS_MAIN(TestDropoutRate)
#include "tst_dropoutrate.moc"
