// SPDX-License-Identifier: GPL-3.0-or-later
// Larger text for a projector: three steps of View > Larger text keep the window at 1280×720
// on every tab, the charts' axes follow, the settings and the runs stay readable, and
// Normal text brings everything back without the window having grown.
#include "ui/mainwindow.h"
#include "ui/shared/networkeditor.h"
#include "ui/train/trainingcharts.h"
#include "ui/train/trainpanel.h"
#include "uitestsupport.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace tinyml::ui;
using tinyml::test::actionFor;

class TestLargerText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void threeStepsLargerStillFit()
    {
        const double base = QApplication::font().pointSizeF();
        {
            MainWindow w;
            w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
            w.resize(1280, 720);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QAction *bigger = actionFor(&w, QKeySequence::ZoomIn);
            QAction *normal = actionFor(&w, QKeySequence(Qt::CTRL | Qt::Key_0));
            QVERIFY(bigger && normal);
            for (int i = 0; i < 3; ++i)
                bigger->trigger();
            QVERIFY(std::abs(QApplication::font().pointSizeF() - base * 1.15 * 1.15 * 1.15) < 0.05);
            for (int tab = 0; tab < w.tabs()->count(); ++tab) {
                w.tabs()->setCurrentIndex(tab);
                QCoreApplication::processEvents();
                QVERIFY2(w.size() == QSize(1280, 720), qPrintable(QStringLiteral("%1: %2×%3")
                                                                      .arg(w.tabs()->tabText(tab))
                                                                      .arg(w.width())
                                                                      .arg(w.height())));
            }

            // The Train tab: the charts' text grew with the rest, the settings' labels are not
            // cut, and the run list shows at least three runs.
            TrainPanel *panel = w.trainPanel();
            w.tabs()->setCurrentWidget(panel);
            QCoreApplication::processEvents();
            const double pt = QApplication::font().pointSizeF();
            QCustomPlot *loss = panel->charts()->lossPlot();
            QCOMPARE(loss->xAxis->labelFont().pointSizeF(), pt);
            QCOMPARE(loss->yAxis->tickLabelFont().pointSizeF(), pt);
            for (QLabel *label : panel->editor()->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
                    continue;
                QVERIFY2(label->width() >= label->minimumSizeHint().width(),
                         qPrintable(QStringLiteral("“%1” is %2 px wide, needs %3")
                                        .arg(label->text())
                                        .arg(label->width())
                                        .arg(label->minimumSizeHint().width())));
            }
            QTableView *runs = panel->runTable();
            QVERIFY2(runs->viewport()->height() >= 3 * runs->verticalHeader()->defaultSectionSize(),
                     qPrintable(QString::number(runs->viewport()->height())));
            QVERIFY(panel->mapTo(&w, QPoint(panel->width(), panel->height())).x() <= w.width());

            normal->trigger();
            QCOMPARE(QApplication::font().pointSizeF(), base);
            QCOMPARE(w.size(), QSize(1280, 720));
            QTRY_COMPARE(loss->xAxis->labelFont().pointSizeF(), base); // through the event loop
            QCOMPARE(QSettings().value(QStringLiteral("ui/textScale")).toDouble(), 1.0);
        }
    }
};

QTEST_MAIN(TestLargerText)
#include "tst_largertext.moc"
