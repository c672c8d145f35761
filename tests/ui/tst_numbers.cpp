// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers a learner reads follow the chosen language: decimal comma and grouping in German.
#include "ui/shared/numbers.h"
#include "ui/train/runlistmodel.h"

#include <QLocale>
#include <QTest>

using namespace tinyml::ui;

class TestNumbers : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void followTheLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("German decimal comma") << "de_DE" << 98.14 << 2 << "98,14";
        QTest::newRow("German grouping") << "de_DE" << 1234.5 << 1 << "1.234,5";
        QTest::newRow("English") << "en_US" << 98.14 << 2 << "98.14";
        QTest::newRow("English grouping") << "en_US" << 1234.5 << 1 << "1,234.5";
        QTest::newRow("rounds half away") << "de_DE" << 0.125 << 2 << "0,13";
    }
    void followTheLocale()
    {
        QFETCH(QString, locale);
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QLocale::setDefault(QLocale(locale));
        QCOMPARE(localNumber(value, decimals), expected);
    }

    void percentagesToo()
    {
        QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
        QCOMPARE(percentText(0.9814), QStringLiteral("98,14 %"));
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        QCOMPARE(percentText(0.9814), QStringLiteral("98.14 %"));
    }
};

QTEST_GUILESS_MAIN(TestNumbers)
#include "tst_numbers.moc"
