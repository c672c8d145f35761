// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainingcharts.h"

#include "ui/shared/wraplabel.h"

#include "ui/train/runrecord.h"
#include "ui/shared/numbers.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QLocale>
#include <QFile>
#include <QTimer>
#include <QLabel>
#include <QPdfWriter>
#include <QTextStream>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {
/// The smoothed batch loss is an exponential moving average over about this many batches, but
/// never over more than a quarter of an epoch: a longer memory would lag behind the epoch points
/// when epochs are short (1,000 images are 32 batches).
constexpr double kSmoothingBatches = 50.0;
/// The first batches of a run are all drawn, unsmoothed in density: a run that diverges there
/// must show its explosion.
constexpr std::int64_t kEveryBatchUntil = 64;
/// The loss axis is logarithmic; losses are drawn from this value up (a squared error can be 0).
constexpr double kLossFloor = 1e-4;

const QColor kTrain(31, 119, 180);
const QColor kValidation(255, 127, 14);
const QColor kOverlay[] = {QColor(44, 160, 44), QColor(214, 39, 40), QColor(148, 103, 189),
                           QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127)};
} // namespace

TrainingCharts::TrainingCharts(QWidget *parent)
    : QWidget(parent)
    , m_loss(new QCustomPlot(this))
    , m_accuracy(new QCustomPlot(this))
    , m_hover(new WrapLabel(QString(), this))
{
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    // Side by side: at 1280x720 with larger text the height is what is scarce.
    auto *plots = new QHBoxLayout;
    plots->addWidget(m_loss, 1);
    plots->addWidget(m_accuracy, 1);
    layout->addLayout(plots, 1);
    m_hover->setObjectName(QStringLiteral("chartHover"));
    m_hover->setText(tr("Drag to pan, wheel to zoom, double-click to fit."));
    auto *below = new QHBoxLayout;
    below->addWidget(m_hover, 1);
    layout->addLayout(below);

    setupPlot(m_loss, tr("loss"));
    setupPlot(m_accuracy, tr("accuracy"));
    m_logScale = new QCheckBox(tr("Logarithmic loss axis"), this);
    m_logScale->setObjectName(QStringLiteral("logLossAxis"));
    m_logScale->setToolTip(tr("Equal steps for equal ratios: a loss exploding from 2 to 10,000 and one "
                              "falling from 0.1 to 0.01 both stay readable."));
    below->addWidget(m_logScale);
    connect(m_logScale, &QCheckBox::toggled, this, &TrainingCharts::setLogScale);
    m_accuracy->yAxis->setRange(0.0, 1.0);
    fitMinimumHeight();

    m_bestLine = new QCPItemStraightLine(m_loss);
    m_bestLine->setPen(QPen(kValidation, 1, Qt::DashLine));
    m_bestLabel = new QCPItemText(m_loss);
    m_bestLabel->setColor(kValidation.darker(130));
    m_stopLine = new QCPItemStraightLine(m_loss);
    m_stopLine->setPen(QPen(QColor(200, 0, 0), 2, Qt::DotLine));
    m_stopLabel = new QCPItemText(m_loss);
    m_stopLabel->setColor(QColor(160, 0, 0));
    for (QCPItemText *label : {m_bestLabel, m_stopLabel}) {
        label->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->setPadding(QMargins(4, 2, 4, 2));
        label->setBrush(QBrush(QColor(255, 255, 255, 210)));
        label->setFont(font());
    }
    m_continueLine = new QCPItemStraightLine(m_loss);
    m_continueLine->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashDotLine));
    m_continueLabel = new QCPItemText(m_loss);
    m_continueLabel->setColor(QColor(60, 60, 60));
    m_continueLabel->setPositionAlignment(Qt::AlignBottom | Qt::AlignLeft);
    m_continueLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_continueLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_continueLabel->setPadding(QMargins(4, 2, 4, 2));
    m_continueLabel->setBrush(QBrush(QColor(255, 255, 255, 210)));
    m_continueLabel->setFont(font());
    m_continueLine->setVisible(false);
    m_continueLabel->setVisible(false);
    m_stopLabel->position->setCoords(0, 0.12);
    m_bestLabel->position->setCoords(0, 0.02);

    m_batchLoss = m_loss->addGraph();
    m_batchLoss->setName(tr("training loss (per batch, smoothed)"));
    m_batchLoss->setPen(QPen(kTrain.lighter(140), 1));
    m_batchLoss->setAntialiased(false);
    m_trainLoss = m_loss->addGraph();
    m_trainLoss->setName(tr("training loss (epoch)"));
    m_trainLoss->setPen(QPen(kTrain, 2));
    m_trainLoss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    m_valLoss = m_loss->addGraph();
    m_valLoss->setName(tr("validation loss"));
    m_valLoss->setPen(QPen(kValidation, 2));
    m_valLoss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    m_trainAcc = m_accuracy->addGraph();
    m_trainAcc->setName(tr("training accuracy"));
    m_trainAcc->setPen(QPen(kTrain, 2));
    m_trainAcc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    m_valAcc = m_accuracy->addGraph();
    m_valAcc->setName(tr("validation accuracy"));
    m_valAcc->setPen(QPen(kValidation, 2));
    m_valAcc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    replot();
}

void TrainingCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFont();
}

void TrainingCharts::applyFont()
{
    const QFont f = font();
    for (QCustomPlot *plot : {m_loss, m_accuracy}) {
        for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
            axis->setLabelFont(f);
            axis->setTickLabelFont(f);
        }
        plot->legend->setFont(f);
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            plot->legend->item(i)->setFont(f);
    }
    for (QCPItemText *label : {m_bestLabel, m_stopLabel, m_continueLabel})
        if (label)
            label->setFont(f);
    fitMinimumHeight();
    replot();
}

void TrainingCharts::fitMinimumHeight()
{
    for (QCustomPlot *plot : {m_loss, m_accuracy})
        fitMinimumHeight(plot);
}

void TrainingCharts::fitMinimumHeight(QCustomPlot *plot)
{
    // Room for the plot area's floor and what surrounds it: the axes, their labels and the
    // legend's rows. Measured after a layout; before one, estimated from the font.
    int around = 0;
    const int area = plot->axisRect()->rect().height();
    if (plot->height() > 0 && area > 0 && area < plot->height()) {
        around = plot->height() - area;
    } else {
        const int line = QFontMetrics(font()).height();
        const int entries = plot->legend->visible() ? plot->legend->itemCount() : 0;
        const int columns = std::max(1, plot->legend->wrap());
        const int rows = (entries + columns - 1) / columns;
        around = 2 * line + 24 + (rows > 0 ? rows * (line + 6) + 16 : 0);
    }
    if (plot->minimumHeight() != kPlotFloor + around)
        plot->setMinimumHeight(kPlotFloor + around);
}

void TrainingCharts::setupPlot(QCustomPlot *plot, const QString &yLabel)
{
    plot->setMinimumSize(200, 150);
    plot->xAxis->setLabel(tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->xAxis->setRange(0, 1);
    plot->legend->setVisible(true);
    plot->legend->setFont(font());
    // The legend goes under the chart, in rows, never over the curves.
    auto *legendRow = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(4, 0, 4, 4));
    legendRow->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(2);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent *e) { showValueAt(plot, e); });
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *) { replot(); });
    connect(plot, &QCustomPlot::afterLayout, this, [this, plot] { fitMinimumHeight(plot); });
}

void TrainingCharts::clearCurrent()
{
    for (QCPGraph *g : {m_batchLoss, m_trainLoss, m_valLoss, m_trainAcc, m_valAcc})
        g->data()->clear();
    m_lossX.clear();
    m_lossY.clear();
    m_emaStarted = false;
    m_ema = 0.0;
    m_emaWeight = 0.0;
    m_restoredEpoch = 0;
    m_stopX = -1.0;
    m_epochOffset = 0;
    m_continueLine->setVisible(false);
    m_continueLabel->setVisible(false);
    replot();
}

void TrainingCharts::continueFrom(const QString &name, const std::vector<core::EpochReport> &epochs,
                                  const std::vector<double> &lossX, const std::vector<double> &lossY)
{
    for (const auto &e : epochs)
        addEpoch(e);
    const std::size_t points = std::min(lossX.size(), lossY.size());
    m_lossX.insert(m_lossX.end(), lossX.begin(), lossX.begin() + std::ptrdiff_t(points));
    m_lossY.insert(m_lossY.end(), lossY.begin(), lossY.begin() + std::ptrdiff_t(points));
    m_batchLoss->addData(QVector<double>(lossX.begin(), lossX.begin() + std::ptrdiff_t(points)),
                         QVector<double>(lossY.begin(), lossY.begin() + std::ptrdiff_t(points)), true);
    m_epochOffset = epochs.empty() ? 0 : std::max(0, epochs.back().epoch);
    m_continueLine->point1->setCoords(m_epochOffset, 1.0);
    m_continueLine->point2->setCoords(m_epochOffset, 2.0);
    m_continueLabel->position->setCoords(m_epochOffset, 0.98);
    m_continueLabel->setText(tr("continued from “%1”").arg(name));
    m_continueLine->setVisible(true);
    m_continueLabel->setVisible(true);
    replot();
}

void TrainingCharts::addBatchLosses(const std::vector<float> &losses, std::int64_t firstStep,
                                    int batchesPerEpoch)
{
    QVector<double> xs, ys;
    xs.reserve(qsizetype(losses.size()));
    ys.reserve(qsizetype(losses.size()));
    // Every batch enters the moving average; about 400 points per epoch are drawn, and every
    // one of the first batches.
    const std::int64_t stride = std::max(1, batchesPerEpoch / 400);
    const double window = std::clamp(double(batchesPerEpoch) / 4.0, 1.0, kSmoothingBatches);
    const double keep = 1.0 - 1.0 / window;
    for (std::size_t i = 0; i < losses.size(); ++i) {
        const double loss = double(losses[i]);
        if (!std::isfinite(loss))
            continue;
        // Debiased, as TensorBoard does: the first points are not pulled towards 0.
        m_ema = keep * m_ema + (1.0 - keep) * loss;
        m_emaWeight = keep * m_emaWeight + (1.0 - keep);
        m_emaStarted = true;
        const std::int64_t step = firstStep + std::int64_t(i);
        if (step % stride != 0 && step > kEveryBatchUntil)
            continue;
        const double x = m_epochOffset + double(step) / double(batchesPerEpoch);
        const double smoothed = m_ema / m_emaWeight;
        m_lossX.push_back(x);
        m_lossY.push_back(smoothed);
        xs.push_back(x);
        ys.push_back(smoothed);
    }
    m_batchLoss->addData(xs, ys, true);
    replot();
}

void TrainingCharts::addEpoch(const core::EpochReport &r)
{
    m_trainLoss->addData(r.epoch, r.loss);
    m_trainAcc->addData(r.epoch, r.accuracy);
    if (r.hasValidation) {
        m_valLoss->addData(r.epoch, r.valLoss);
        m_valAcc->addData(r.epoch, r.valAccuracy);
    }
    replot();
}

int TrainingCharts::currentEpochPoints() const { return m_trainAcc->dataCount(); }

bool TrainingCharts::isLogScale() const { return m_logScale->isChecked(); }

void TrainingCharts::setLogScale(bool on)
{
    if (m_logScale->isChecked() != on) {
        m_logScale->setChecked(on); // comes back here through toggled
        return;
    }
    if (on) {
        m_loss->yAxis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setSubTickCount(8);
        m_loss->yAxis->setTicker(ticker);
        m_loss->yAxis->setNumberFormat(QStringLiteral("gb"));
    } else {
        m_loss->yAxis->setScaleType(QCPAxis::stLinear);
        m_loss->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        m_loss->yAxis->setNumberFormat(QStringLiteral("gbd"));
    }
    replot();
}

void TrainingCharts::markRestored(int epoch)
{
    m_restoredEpoch = epoch;
    replot();
}

void TrainingCharts::markDiverged(std::int64_t step, int batchesPerEpoch, double loss)
{
    if (batchesPerEpoch <= 0)
        return;
    m_stopX = m_epochOffset + double(step) / double(batchesPerEpoch);
    if (std::isfinite(loss)) {
        m_stopText = tr("training stopped: batch %1 of the run had a loss of %2")
                         .arg(QLocale().toString(qlonglong(step)))
                         .arg(QLocale().toString(loss, 'g', 3));
        m_batchLoss->addData(m_stopX, loss); // the explosion itself, on the log axis
    } else {
        m_stopText = tr("training stopped: batch %1 of the run had a loss of %2")
                         .arg(QLocale().toString(qlonglong(step)))
                         .arg(std::isnan(loss) ? QStringLiteral("NaN") : QStringLiteral("∞"));
    }
    replot();
}

int TrainingCharts::bestValidationEpoch() const
{
    int best = 0;
    double lowest = 0.0;
    for (auto it = m_valLoss->data()->constBegin(); it != m_valLoss->data()->constEnd(); ++it)
        if (best == 0 || it->value < lowest) {
            best = int(std::lround(it->key));
            lowest = it->value;
        }
    return best;
}

void TrainingCharts::setComparison(const std::vector<const RunRecord *> &runs)
{
    for (QCPGraph *g : m_overlay)
        g->parentPlot()->removeGraph(g);
    m_overlay.clear();
    int colour = 0;
    for (const RunRecord *run : runs) {
        const QColor c = kOverlay[colour++ % std::size(kOverlay)];
        QPen dashed(c, 2, Qt::DashLine);
        auto *loss = m_loss->addGraph();
        loss->setName(tr("%1: loss").arg(run->name));
        loss->setPen(QPen(c, 1));
        loss->setAntialiased(false);
        loss->setData(QVector<double>(run->lossX.begin(), run->lossX.end()),
                      QVector<double>(run->lossY.begin(), run->lossY.end()), true);
        auto *val = m_loss->addGraph();
        val->setName(tr("%1: validation loss").arg(run->name));
        val->setPen(dashed);
        auto *acc = m_accuracy->addGraph();
        acc->setName(tr("%1: training accuracy").arg(run->name));
        acc->setPen(QPen(c, 2));
        acc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
        auto *valAcc = m_accuracy->addGraph();
        valAcc->setName(tr("%1: validation accuracy").arg(run->name));
        valAcc->setPen(dashed);
        bool anyValidation = false;
        for (const auto &e : run->epochs) {
            acc->addData(e.epoch, e.accuracy);
            if (e.hasValidation) {
                anyValidation = true;
                val->addData(e.epoch, e.valLoss);
                valAcc->addData(e.epoch, e.valAccuracy);
            }
        }
        m_overlay.insert(m_overlay.end(), {loss, acc});
        if (anyValidation) {
            m_overlay.insert(m_overlay.end(), {val, valAcc});
        } else {
            m_loss->removeGraph(val);
            m_accuracy->removeGraph(valAcc);
        }
    }
    replot();
}

void TrainingCharts::replot()
{
    constexpr qint64 kMinInterval = 100; // ms
    if (m_sinceReplot.isValid() && m_sinceReplot.elapsed() < kMinInterval) {
        if (!m_replotPending) {
            m_replotPending = true;
            QTimer::singleShot(int(kMinInterval - m_sinceReplot.elapsed()), this, [this] {
                m_replotPending = false;
                replotNow();
            });
        }
        return;
    }
    replotNow();
}

void TrainingCharts::replotNow()
{
    m_sinceReplot.start();
    // Keep empty series out of the legend; one x range (whole epochs) for both charts.
    double maxX = 1.0;
    for (QCustomPlot *plot : {m_loss, m_accuracy}) {
        bool any = false;
        for (int i = 0; i < plot->graphCount(); ++i) {
            QCPGraph *g = plot->graph(i);
            if (g->dataCount() > 0) {
                any = true;
                g->addToLegend();
                maxX = std::max(maxX, (g->data()->constEnd() - 1)->key);
            } else {
                g->removeFromLegend();
            }
        }
        plot->legend->setVisible(any);
        // As many legend entries side by side as the chart's width holds: two at most, one
        // when a long (German, larger) name would be cut.
        int widest = 1;
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (const QCPAbstractLegendItem *item = plot->legend->item(i)) // cells can be empty
                widest = std::max(widest, item->minimumOuterSizeHint().width());
        const int columns =
            std::clamp((plot->width() - 8) / (widest + plot->legend->columnSpacing()), 1, 2);
        if (plot->legend->wrap() != columns) {
            plot->legend->setWrap(columns);
            plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        }
    }
    fitMinimumHeight();
    for (QCustomPlot *plot : {m_loss, m_accuracy})
        plot->xAxis->setRange(0.0, std::ceil(maxX));
    // Both value axes zoom to the data: a validation loss rising by 15 % or an accuracy going
    // from 0.92 to 0.99 must not look flat. After the first epoch, the loss axis follows the
    // epochs and the smoothed curve from epoch 1 on: the first batches' 2.3 would flatten the rest.
    double low = 0.0, high = 0.0;
    bool any = false;
    const double from = maxX >= 2.0 ? 1.0 : 0.0;
    for (int i = 0; i < m_loss->graphCount(); ++i) {
        const auto data = m_loss->graph(i)->data();
        for (auto it = data->findBegin(from, false); it != data->constEnd(); ++it) {
            if (!std::isfinite(it->value))
                continue;
            low = any ? std::min(low, it->value) : it->value;
            high = any ? std::max(high, it->value) : it->value;
            any = true;
        }
    }
    if (!any) {
        m_loss->yAxis->setRange(m_logScale->isChecked() ? 0.1 : 0.0, m_logScale->isChecked() ? 10.0 : 1.0);
    } else if (m_logScale->isChecked()) { // a margin of 10 % of the span, and at least a factor of 1.5 shown
        low = std::max(low, kLossFloor);
        high = std::max(high, low);
        m_loss->yAxis->setRange(std::min(low / std::pow(high / low, 0.1), low / 1.22),
                                std::max(high * std::pow(high / low, 0.1), high * 1.22));
    } else {
        const double margin = std::max(1e-3, 0.08 * (high - low));
        m_loss->yAxis->setRange(std::max(0.0, low - margin), high + margin);
    }
    any = false;
    for (int i = 0; i < m_accuracy->graphCount(); ++i) {
        bool ok = false;
        const QCPRange r = m_accuracy->graph(i)->getValueRange(ok);
        if (!ok)
            continue;
        low = any ? std::min(low, r.lower) : r.lower;
        high = any ? std::max(high, r.upper) : r.upper;
        any = true;
    }
    if (!any) {
        m_accuracy->yAxis->setRange(0.0, 1.0);
    } else {
        const double margin = std::max(0.01, 0.1 * (high - low));
        m_accuracy->yAxis->setRange(std::max(0.0, low - margin), std::min(1.0, high + margin));
    }
    // The lowest validation loss (early stopping's choice) and where training stopped.
    const int best = bestValidationEpoch();
    m_bestLine->setVisible(best > 0);
    m_bestLabel->setVisible(best > 0);
    if (best > 0) {
        m_bestLine->point1->setCoords(best, 1.0);
        m_bestLine->point2->setCoords(best, 2.0);
        m_bestLabel->position->setCoords(best, 0.02);
        m_bestLabel->setText(m_restoredEpoch == best
                                 ? tr("lowest validation loss: epoch %1 (its weights were restored)").arg(best)
                                 : tr("lowest validation loss: epoch %1").arg(best));
    }
    m_stopLine->setVisible(m_stopX >= 0.0);
    m_stopLabel->setVisible(m_stopX >= 0.0);
    if (m_stopX >= 0.0) {
        m_stopLine->point1->setCoords(m_stopX, 1.0);
        m_stopLine->point2->setCoords(m_stopX, 2.0);
        m_stopLabel->position->setCoords(m_stopX, 0.12);
        m_stopLabel->setText(m_stopText);
    }
    m_loss->replot(QCustomPlot::rpQueuedReplot);
    m_accuracy->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCharts::showValueAt(QCustomPlot *plot, QMouseEvent *event)
{
    const double x = plot->xAxis->pixelToCoord(event->position().x());
    const double y = plot->yAxis->pixelToCoord(event->position().y());
    // The nearest point of any graph, by screen distance.
    QString best;
    double bestDistance = 30.0;
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *g = plot->graph(i);
        if (g->dataCount() == 0)
            continue;
        auto it = g->data()->findBegin(x);
        for (int k = 0; k < 2 && it != g->data()->constEnd(); ++k, ++it) {
            const double dx = plot->xAxis->coordToPixel(it->key) - event->position().x();
            const double dy = plot->yAxis->coordToPixel(it->value) - event->position().y();
            const double d = std::hypot(dx, dy);
            if (d < bestDistance) {
                bestDistance = d;
                best = tr("%1 at epoch %2: %3").arg(g->name()).arg(localNumber(it->key, 2)).arg(localNumber(it->value, 4));
            }
        }
    }
    m_hover->setText(best.isEmpty() ? tr("epoch %1, value %2").arg(localNumber(x, 2)).arg(localNumber(y, 4)) : best);
}

bool TrainingCharts::exportPng(const QString &file) const
{
    // Both charts, one above the other.
    const QPixmap top = m_loss->toPixmap(900, 360);
    const QPixmap bottom = m_accuracy->toPixmap(900, 360);
    QPixmap all(900, 720);
    all.fill(Qt::white);
    QPainter painter(&all);
    painter.drawPixmap(0, 0, top);
    painter.drawPixmap(0, 360, bottom);
    painter.end();
    return all.save(file, "PNG");
}

bool TrainingCharts::exportPdf(const QString &file) const
{
    // Vector output, both charts on one page.
    QPdfWriter writer(file);
    writer.setResolution(72);
    writer.setPageSize(QPageSize(QSizeF(900, 720), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QCPPainter painter;
    if (!painter.begin(&writer))
        return false;
    m_loss->toPainter(&painter, 900, 360);
    painter.translate(0, 360);
    m_accuracy->toPainter(&painter, 900, 360);
    return painter.end();
}

bool TrainingCharts::exportCsv(const QString &file) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&f);
    out << "series,epoch,value\n";
    for (QCustomPlot *plot : {m_loss, m_accuracy})
        for (int i = 0; i < plot->graphCount(); ++i) {
            QCPGraph *g = plot->graph(i);
            QString name = g->name();
            name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                out << '"' << name << "\"," << QString::number(it->key, 'g', 8) << ','
                    << QString::number(it->value, 'g', 8) << '\n';
        }
    return f.error() == QFile::NoError;
}

} // namespace tinyml::ui
