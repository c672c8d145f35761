// SPDX-License-Identifier: GPL-3.0-or-later
// Counts read right in English ("1 epoch", "2 epochs") and German ("1 Bild", "2.000 Bilder"),
// through tr() with %n, as the studio installs its translators.
#include "ui/shared/englishplurals.h"
#include "ui/train/runrecord.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QTest>
#include <QTranslator>

using namespace tinyml::ui;

class TestPlurals : public QObject
{
    Q_OBJECT

    EnglishPlurals m_english;

private slots:
    void initTestCase() { QVERIFY(QCoreApplication::installTranslator(&m_english)); }

    void english_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        const QString draw = QStringLiteral("tinyml::ui::DrawPanel");
        QTest::newRow("one drawing") << draw << QStringLiteral("%Ln drawing(s) saved") << 1
                                     << QStringLiteral("1 drawing saved");
        QTest::newRow("no drawings") << draw << QStringLiteral("%Ln drawing(s) saved") << 0
                                     << QStringLiteral("0 drawings saved");
        QTest::newRow("1,200 drawings") << draw << QStringLiteral("%Ln drawing(s) saved") << 1200
                                        << QStringLiteral("1,200 drawings saved");
        QTest::newRow("one epoch, two markers")
            << QStringLiteral("QObject") << QStringLiteral(", continues “%1” after %n epoch(s)")
            << 1 << QStringLiteral(", continues “%1” after 1 epoch");
        QTest::newRow("text without a marker")
            << draw << QStringLiteral("%n neurons") << 1 << QStringLiteral("1 neurons");
    }
    void english()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source), nullptr, n),
                 expected);
    }

    void aRunSaysOneEpoch()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        RunRecord run;
        run.spec = tinyml::core::ModelSpec::courseModel();
        run.config.epochs = 1;
        QVERIFY2(run.settingsText().endsWith(QStringLiteral(", 1 epoch")),
                 qPrintable(run.settingsText()));
        run.config.epochs = 3;
        run.config.trainSubset = 1;
        run.config.validationSplit = 0.1f;
        const QString text = run.settingsText();
        QVERIFY2(text.contains(QStringLiteral(", 1 image,")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(", 3 epochs, 10 % for validation")),
                 qPrintable(text));
    }

    void german_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1") << 1 << QStringLiteral("1 Bild gezeigt");
        QTest::newRow("2000") << 2000 << QStringLiteral("2.000 Bilder gezeigt");
    }
    void german()
    {
        QFETCH(int, n);
        QFETCH(QString, expected);
        const QString qm = QString::fromLocal8Bit(qgetenv("TINYML_QM_DE"));
        QVERIFY2(QFileInfo::exists(qm), qPrintable(qm)); // built with the ui library
        QTranslator german;
        QVERIFY(german.load(qm));
        QVERIFY(QCoreApplication::installTranslator(&german)); // searched before the English
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString shown = QCoreApplication::translate("tinyml::ui::DatasetBrowser",
                                                          "%Ln image(s) shown", nullptr, n);
        QCoreApplication::removeTranslator(&german);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(shown, expected);
    }
};

QTEST_GUILESS_MAIN(TestPlurals)
#include "tst_plurals.moc"
