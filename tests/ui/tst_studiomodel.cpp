// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's current model: file names from the save dialogs.
#include "ui/shared/studiomodel.h"

#include <QTest>

using tinyml::ui::StudioModel;

class TestStudioModel : public QObject
{
    Q_OBJECT

private slots:
    void saveAddsTheModelSuffix_data()
    {
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("saved");
        QTest::newRow("no suffix") << "/home/a/digits" << "/home/a/digits.tmlm";
        QTest::newRow("has it") << "/home/a/digits.tmlm" << "/home/a/digits.tmlm";
        QTest::newRow("upper case") << "/home/a/DIGITS.TMLM" << "/home/a/DIGITS.TMLM";
        QTest::newRow("another suffix") << "/home/a/digits.v2" << "/home/a/digits.v2.tmlm";
        QTest::newRow("dot folder") << "/home/a.b/digits" << "/home/a.b/digits.tmlm";
        QTest::newRow("cancelled dialog") << "" << "";
    }
    void saveAddsTheModelSuffix()
    {
        QFETCH(QString, chosen);
        QFETCH(QString, saved);
        QCOMPARE(StudioModel::modelFileName(chosen), saved);
    }
};

QTEST_GUILESS_MAIN(TestStudioModel)
#include "tst_studiomodel.moc"
