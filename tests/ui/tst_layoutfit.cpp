// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing is cut on any tab, in English and German, with normal and three steps larger text, at
// 1280×720 and 1600×1000: every label, button and check box that does not wrap is as wide as its
// text, every widget lies inside the panes that hold it, no pane or table scrolls sideways (the
// whole confusion matrix is in view, its row totals included; two tables may, see cutWidgets), an
// elided combo box carries its whole entry in its tooltip, column titles and table cells are whole
// (a number is never elided: the test set's confusion matrix has 4-digit row totals), an image's
// caption wraps between words only, the network diagrams' captions fit their place (the
// Playground's output caption too), and the training charts keep a plot area of at least
// TrainingCharts::kPlotFloor pixels. In German the lessons are German too.
#include "testsupport.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/draw/drawpanel.h"
#include "ui/export/exportpanel.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/learn/learnpanel.h"
#include "ui/mainwindow.h"
#include "ui/playground/playgroundpanel.h"
#include "ui/playground/playgroundviews.h"
#include "ui/shared/elidingcombobox.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/networkdiagram.h"
#include "ui/stepper/stepperpanel.h"
#include "ui/train/trainingcharts.h"
#include "ui/train/trainpanel.h"
#include "uitestsupport.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleOptionButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTranslator>

#include <cmath>

using namespace tinyml;
using namespace tinyml::ui;
using tinyml::test::actionFor;

namespace {

/// A widget's name for a failure message: its class, object name and text.
QString describe(const QWidget *w)
{
    QString text;
    if (auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    else if (auto *combo = qobject_cast<const QComboBox *>(w))
        text = combo->currentText();
    return QStringLiteral("%1 “%2” (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), text.left(60), w->objectName());
}

/// True for the parts of a compound widget (a spin box's line edit, a combo box's list).
bool isPart(const QWidget *w, const QWidget *tab)
{
    for (const QWidget *p = w->parentWidget(); p && p != tab; p = p->parentWidget())
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p)
            || qobject_cast<const QCustomPlot *>(p))
            return true;
    return false;
}

/// The width w's text needs to be shown whole, or -1 when it wraps, elides or has none.
int neededWidth(const QWidget *w)
{
    const QFontMetrics fm = w->fontMetrics();
    if (auto *label = qobject_cast<const QLabel *>(w)) {
        if (label->wordWrap() || label->text().isEmpty() || !label->pixmap().isNull())
            return -1;
        return label->minimumSizeHint().width();
    }
    if (auto *box = qobject_cast<const QCheckBox *>(w)) {
        if (box->text().isEmpty())
            return -1;
        QStyleOptionButton option;
        option.initFrom(box);
        const int indicator
            = box->style()->pixelMetric(QStyle::PM_IndicatorWidth, &option, box)
              + box->style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, &option, box);
        return indicator + fm.horizontalAdvance(QString(box->text()).remove(QLatin1Char('&')));
    }
    if (auto *button = qobject_cast<const QPushButton *>(w))
        return button->text().isEmpty()
                   ? -1
                   : fm.horizontalAdvance(QString(button->text()).remove(QLatin1Char('&')));
    return -1;
}

/// Everything cut on tab, one line per widget.
QStringList cutWidgets(QWidget *tab)
{
    QStringList problems;
    // Panes and tables: a table that scrolls sideways hides its last columns (the confusion
    // matrix's row totals), as surely as a pane hides its labels. Text views may scroll code.
    // Two tables are made to scroll sideways when narrow rather than cut a column title: the
    // Train tab's run list and the layer costs (at 1280×720 they do, by a column or a few pixels).
    const QStringList scrollsByDesign{QStringLiteral("runTable"), QStringLiteral("layerCosts")};
    for (QScrollArea *area : tab->findChildren<QScrollArea *>())
        if (area->isVisible() && area->horizontalScrollBar()->isVisible())
            problems << QStringLiteral("%1 scrolls sideways").arg(describe(area));
    for (QTableView *table : tab->findChildren<QTableView *>())
        if (table->isVisible() && table->horizontalScrollBar()->isVisible()
            && !scrollsByDesign.contains(table->objectName()))
            problems << QStringLiteral("table %1 scrolls sideways: %2 of its %3 px shown")
                            .arg(table->objectName())
                            .arg(table->viewport()->width())
                            .arg(table->horizontalHeader()->length());
    // Column titles: a column as narrow as a cut title ("instellunge") does not count as shown.
    for (QHeaderView *header : tab->findChildren<QHeaderView *>()) {
        if (!header->isVisible() || header->orientation() != Qt::Horizontal || !header->model())
            continue;
        for (int c = 0; c < header->count(); ++c) {
            const QString title = header->model()->headerData(c, Qt::Horizontal).toString();
            if (header->isSectionHidden(c) || title.isEmpty())
                continue;
            const int needed = header->fontMetrics().horizontalAdvance(title);
            if (needed > header->sectionSize(c))
                problems << QStringLiteral("column “%1” of %2 is %3 px wide, its title needs %4")
                                .arg(title, header->parentWidget()->objectName())
                                .arg(header->sectionSize(c))
                                .arg(needed);
        }
    }
    for (QWidget *w : tab->findChildren<QWidget *>()) {
        if (!w->isVisible() || isPart(w, tab))
            continue;
        const bool leaf = qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w)
                          || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                          || qobject_cast<QLineEdit *>(w) || qobject_cast<QProgressBar *>(w);
        if (!leaf)
            continue;
        const int needed = neededWidth(w);
        if (needed > w->width())
            problems << QStringLiteral("%1 is %2 px wide, its text needs %3")
                            .arg(describe(w))
                            .arg(w->width())
                            .arg(needed);
        if (auto *combo = qobject_cast<ElidingComboBox *>(w)) {
            if (combo->isElided() && !combo->effectiveToolTip().contains(combo->currentText()))
                problems << QStringLiteral("%1 is elided without its whole text in the tooltip")
                                .arg(describe(w));
        } else if (auto *plain = qobject_cast<QComboBox *>(w); plain && !plain->isEditable()) {
            if (plain->fontMetrics().horizontalAdvance(plain->currentText()) > plain->width() - 24)
                problems << QStringLiteral(
                                "%1 cuts its entry: %2 px wide, its entry needs %3 and the arrow")
                                .arg(describe(w))
                                .arg(plain->width())
                                .arg(plain->fontMetrics().horizontalAdvance(plain->currentText()));
        }
        // Inside every pane that holds it: a scrolled view may move it up or down (then only its
        // sides count, there and further out), never cut its sides.
        bool scrolled = false;
        for (QWidget *p = w->parentWidget(); p && p != tab->parentWidget(); p = p->parentWidget()) {
            const QRect r(w->mapTo(p, QPoint(0, 0)), w->size());
            scrolled
                = scrolled
                  || (qobject_cast<QAbstractScrollArea *>(p->parentWidget())
                      && static_cast<QAbstractScrollArea *>(p->parentWidget())->viewport() == p);
            const bool inside
                = scrolled ? r.left() >= 0 && r.right() < p->width() : p->rect().contains(r);
            if (!inside) {
                problems << QStringLiteral("%1 at %2,%3 %4×%5 sticks out of %6 (%7×%8)")
                                .arg(describe(w))
                                .arg(r.x())
                                .arg(r.y())
                                .arg(r.width())
                                .arg(r.height())
                                .arg(describe(p))
                                .arg(p->width())
                                .arg(p->height());
                break;
            }
        }
    }
    return problems;
}

/// Painted text that does not fit: table cells narrower than their text (Qt elides those),
/// image captions with a word wider than the image, diagram captions outside their place.
QStringList cutPaintedText(QWidget *tab)
{
    QStringList problems;
    for (QTableView *table : tab->findChildren<QTableView *>()) {
        if (!table->isVisible() || !table->model())
            continue;
        // Qt elides a cell's text when it is wider than the section less a focus margin each side.
        const int margin
            = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        const QAbstractItemModel *model = table->model();
        for (int c = 0; c < model->columnCount(); ++c) {
            if (table->isColumnHidden(c))
                continue;
            for (int r = 0; r < model->rowCount(); ++r) {
                const QString text = model->index(r, c).data().toString();
                const int needed = table->fontMetrics().horizontalAdvance(text) + margin;
                if (!text.isEmpty() && needed > table->columnWidth(c)) {
                    problems << QStringLiteral("cell “%1” of %2 is %3 px wide, its text needs %4")
                                    .arg(text, table->objectName())
                                    .arg(table->columnWidth(c))
                                    .arg(needed);
                    break; // one per column is enough
                }
            }
        }
    }
    for (PixelView *view : tab->findChildren<PixelView *>()) {
        if (!view->isVisible())
            continue;
        for (const QString &word : view->caption().split(QLatin1Char(' '), Qt::SkipEmptyParts))
            if (view->fontMetrics().horizontalAdvance(word) > view->width())
                problems << QStringLiteral("caption word “%1” is wider than its image (%2 px)")
                                .arg(word)
                                .arg(view->width());
    }
    for (NetworkDiagram *diagram : tab->findChildren<NetworkDiagram *>()) {
        if (!diagram->isVisible())
            continue;
        const QStringList labels = diagram->columnLabels();
        for (int c = 0; c < labels.size(); ++c) {
            const QRect place = diagram->labelRect(c);
            const QStringList lines = labels[c].split(QLatin1Char('\n'));
            if (!diagram->rect().contains(place))
                problems
                    << QStringLiteral(
                           "diagram caption “%1” at %2,%3 %4×%5 lies outside the diagram (%6×%7)")
                           .arg(labels[c].simplified())
                           .arg(place.x())
                           .arg(place.y())
                           .arg(place.width())
                           .arg(place.height())
                           .arg(diagram->width())
                           .arg(diagram->height());
            if (lines.size() * diagram->fontMetrics().height() > place.height())
                problems << QStringLiteral("diagram caption “%1” is %2 px high")
                                .arg(labels[c].simplified())
                                .arg(place.height());
            for (const QString &line : lines)
                if (diagram->fontMetrics().horizontalAdvance(line) > place.width())
                    problems << QStringLiteral("diagram caption “%1” is %2 px wide, it needs %3")
                                    .arg(line)
                                    .arg(place.width())
                                    .arg(diagram->fontMetrics().horizontalAdvance(line));
            if (c > 0 && diagram->labelRect(c - 1).intersects(place))
                problems << QStringLiteral("diagram captions %1 and %2 overlap").arg(c - 1).arg(c);
        }
    }
    for (NeuronDiagramView *diagram : tab->findChildren<NeuronDiagramView *>()) {
        // The Playground's output caption, "P(blue)" over its colour scale: whole and inside.
        if (!diagram->isVisible() || diagram->outputCaption().isEmpty())
            continue;
        const QRectF place = diagram->captionRect();
        const QFontMetricsF metrics(diagram->smallFont());
        if (!QRectF(diagram->rect()).contains(place))
            problems << QStringLiteral("the output caption at %1,%2 %3×%4 lies outside the "
                                       "Playground's diagram (%5×%6)")
                            .arg(place.x())
                            .arg(place.y())
                            .arg(place.width())
                            .arg(place.height())
                            .arg(diagram->width())
                            .arg(diagram->height());
        if (metrics.horizontalAdvance(diagram->outputCaption()) > place.width())
            problems << QStringLiteral("the output caption “%1” is %2 px wide, it needs %3")
                            .arg(diagram->outputCaption())
                            .arg(place.width())
                            .arg(metrics.horizontalAdvance(diagram->outputCaption()));
    }
    return problems;
}

/// The plain text of a lesson's HTML file in the resources, as a text browser shows it.
QString lessonFileText(const QString &language, int number)
{
    QFile file(QStringLiteral(":/lessons/%1/%2.html").arg(language).arg(number));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    QTextDocument document;
    document.setHtml(QString::fromUtf8(file.readAll()));
    return document.toPlainText();
}

} // namespace

class TestLayoutFit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data; // small synthetic digits in MNIST's files: the Export tab needs data

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // 10,000 test images, as MNIST has: the confusion matrix's row totals have four digits.
        test::writeAsMnist(test::syntheticDigits(1000, 1), test::syntheticDigits(10000, 2),
                           m_data.path().toStdString());
        qputenv("TINYML_DATA", m_data.path().toUtf8());
    }

    void nothingIsCut_data()
    {
        QTest::addColumn<bool>("german");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QSize>("size");
        for (bool german : {false, true})
            for (int steps : {0, 3})
                for (QSize size : {QSize(1280, 720), QSize(1600, 1000)})
                    QTest::addRow("%s, %s text, %dx%d", german ? "German" : "English",
                                  steps ? "larger" : "normal", size.width(), size.height())
                        << german << steps << size;
    }

    void nothingIsCut()
    {
        QFETCH(bool, german);
        QFETCH(int, steps);
        QFETCH(QSize, size);
        QTranslator translator;
        if (german) {
            const QString qm = QString::fromLocal8Bit(qgetenv("TINYML_QM_DE"));
            QVERIFY2(QFileInfo::exists(qm), qPrintable(qm)); // built with the ui library
            QVERIFY(translator.load(qm));
            QCoreApplication::installTranslator(&translator);
            QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        } else {
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
        QStringList problems;
        {
            MainWindow w;
            w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
            w.resize(size);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QAction *bigger = actionFor(&w, QKeySequence::ZoomIn);
            QAction *normal = actionFor(&w, QKeySequence(Qt::CTRL | Qt::Key_0));
            QVERIFY(bigger && normal);
            for (int i = 0; i < steps; ++i)
                bigger->trigger();

            TrainPanel *train = w.trainPanel();
            w.tabs()->setCurrentWidget(train);
            QTRY_COMPARE(w.size(), size);
            QCoreApplication::processEvents();
            problems << cutWidgets(train);
            for (QCustomPlot *plot :
                 {train->charts()->lossPlot(), train->charts()->accuracyPlot()}) {
                plot->replot(QCustomPlot::rpImmediateRefresh);
                const int height = plot->axisRect()->rect().height();
                if (height < TrainingCharts::kPlotFloor)
                    problems << QStringLiteral("%1: plot area %2 px high, less than %3")
                                    .arg(plot->objectName())
                                    .arg(height)
                                    .arg(TrainingCharts::kPlotFloor);
            }

            ExportPanel *exporting = w.exportPanel();
            w.tabs()->setCurrentWidget(exporting);
            QTRY_VERIFY_WITH_TIMEOUT(exporting->code() && !exporting->isBusy(), 120000);
            QCoreApplication::processEvents();
            problems << cutWidgets(exporting);
            QCOMPARE(w.size(), size);

            // The other tabs, as the learner opens them.
            const QList<QWidget *> others{w.learnPanel(), w.drawPanel(), w.datasetBrowser(),
                                          w.inspector(),  w.stepper(),   w.playground()};
            for (QWidget *tab : others) {
                w.tabs()->setCurrentWidget(tab);
                if (tab == w.datasetBrowser()) {
                    auto *confusion
                        = tab->findChild<QTableView *>(QStringLiteral("confusionMatrix"));
                    QVERIFY(confusion);
                    QTRY_VERIFY_WITH_TIMEOUT(
                        !w.datasetBrowser()->isBusy()
                            && !confusion->model()->index(0, 10).data().toString().isEmpty(),
                        120000);
                    // The row totals are the test set's 10,000 images by class: four digits each
                    // for most classes.
                    const QString total = confusion->model()->index(0, 10).data().toString();
                    QVERIFY2(total.size() >= 4, qPrintable(total));
                }
                QCoreApplication::processEvents();
                QCOMPARE(w.size(), size);
                problems << cutWidgets(tab) << cutPaintedText(tab);
            }
            if (german) {
                // The lessons follow the studio's language, not the system's.
                auto *lesson
                    = w.learnPanel()->findChild<QTextBrowser *>(QStringLiteral("lessonText1"));
                QVERIFY(lesson);
                const QString de = lessonFileText(QStringLiteral("de"), 1);
                QVERIFY(!de.isEmpty() && de != lessonFileText(QStringLiteral("en"), 1));
                QCOMPARE(lesson->toPlainText(), de);
            }
            normal->trigger();
        }
        if (german) {
            QCoreApplication::removeTranslator(&translator);
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
        for (const QString &problem : problems)
            qWarning("%s", qPrintable(problem));
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 widgets cut").arg(problems.size())));
    }
};

QTEST_MAIN(TestLayoutFit)
#include "tst_layoutfit.moc"
