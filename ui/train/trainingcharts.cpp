// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainingcharts.h"

#include "ui/train/runrecord.h"
#include "ui/shared/numbers.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <QLabel>
#include <QPdfWriter>
#include <QTextStream>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {
/// Exponential moving average of the batch loss, as TensorBoard's smoothing: weight of the past.
constexpr double kSmoothing = 0.98;

const QColor kTrain(31, 119, 180);
const QColor kValidation(255, 127, 14);
const QColor kOverlay[] = {QColor(44, 160, 44), QColor(214, 39, 40), QColor(148, 103, 189),
                           QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127)};
} // namespace

TrainingCharts::TrainingCharts(QWidget *parent)
    : QWidget(parent)
    , m_loss(new QCustomPlot(this))
    , m_accuracy(new QCustomPlot(this))
    , m_hover(new QLabel(this))
{
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_accuracy, 1);
    m_hover->setObjectName(QStringLiteral("chartHover"));
    m_hover->setText(tr("Drag to pan, wheel to zoom, double-click to fit."));
    layout->addWidget(m_hover);

    setupPlot(m_loss, tr("loss"));
    setupPlot(m_accuracy, tr("accuracy"));
    m_accuracy->yAxis->setRange(0.0, 1.0);

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

void TrainingCharts::setupPlot(QCustomPlot *plot, const QString &yLabel)
{
    plot->setMinimumHeight(160);
    plot->xAxis->setLabel(tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->xAxis->setRange(0, 1);
    plot->legend->setVisible(true);
    plot->legend->setFont(font());
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent *e) { showValueAt(plot, e); });
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *) { replot(); });
}

void TrainingCharts::clearCurrent()
{
    for (QCPGraph *g : {m_batchLoss, m_trainLoss, m_valLoss, m_trainAcc, m_valAcc})
        g->data()->clear();
    m_lossX.clear();
    m_lossY.clear();
    m_emaStarted = false;
    replot();
}

void TrainingCharts::addBatchLosses(const std::vector<float> &losses, std::int64_t firstStep,
                                    int batchesPerEpoch)
{
    QVector<double> xs, ys;
    xs.reserve(qsizetype(losses.size()));
    ys.reserve(qsizetype(losses.size()));
    // Every batch enters the moving average; about 400 points per epoch are drawn.
    const std::int64_t stride = std::max(1, batchesPerEpoch / 400);
    for (std::size_t i = 0; i < losses.size(); ++i) {
        const double loss = double(losses[i]);
        m_ema = m_emaStarted ? kSmoothing * m_ema + (1.0 - kSmoothing) * loss : loss;
        m_emaStarted = true;
        const std::int64_t step = firstStep + std::int64_t(i);
        if (step % stride != 0)
            continue;
        const double x = double(step) / double(batchesPerEpoch);
        m_lossX.push_back(x);
        m_lossY.push_back(m_ema);
        xs.push_back(x);
        ys.push_back(m_ema);
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
    }
    for (QCustomPlot *plot : {m_loss, m_accuracy})
        plot->xAxis->setRange(0.0, std::ceil(maxX));
    bool found = false;
    const QCPRange lossRange = m_loss->graphCount() ? m_batchLoss->getValueRange(found) : QCPRange();
    double top = found ? lossRange.upper : 0.0;
    for (int i = 0; i < m_loss->graphCount(); ++i) {
        bool ok = false;
        const QCPRange r = m_loss->graph(i)->getValueRange(ok);
        if (ok)
            top = std::max(top, r.upper);
    }
    m_loss->yAxis->setRange(0.0, top > 0 ? top * 1.05 : 1.0);
    m_accuracy->yAxis->setRange(0.0, 1.0);
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
