// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dataset/datasetbrowser.h"

#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/shared/errortext.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/jobprogress.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/numbers.h"

#include "core/base/error.h"
#include "core/nn/metrics.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tinyml::ui {

/// What one evaluation computes on the worker.
struct DatasetEvaluation
{
    core::Evaluation test;                 ///< on the test set
    std::vector<std::uint8_t> predictions; ///< per image of the split shown
    std::vector<float> confidences;
};

namespace {

/// Makes the confusion matrix's columns as wide as their titles and cells need in the table's
/// font, so that no number is ever elided ("1.…" for 1.135): the ten class columns share the
/// widest of them and stretch, the row totals' column keeps its own width. The table asks for
/// exactly that much room, so the whole matrix is shown without scrolling sideways.
void fitColumns(QTableWidget *table)
{
    const QFontMetrics cells = table->fontMetrics();
    const QFontMetrics titles = table->horizontalHeader()->fontMetrics();
    const int padding
        = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1) + 6;
    auto widest = [&](int c) {
        int w = 0;
        if (const QTableWidgetItem *title = table->horizontalHeaderItem(c))
            w = titles.horizontalAdvance(title->text());
        for (int r = 0; r < table->rowCount(); ++r)
            if (const QTableWidgetItem *item = table->item(r, c))
                w = std::max(w, cells.horizontalAdvance(item->text()));
        return w + padding;
    };
    const int last = table->columnCount() - 1;
    int classColumn = 0;
    for (int c = 0; c < last; ++c)
        classColumn = std::max(classColumn, widest(c));
    const int totalColumn = std::max(classColumn, widest(last));
    QHeaderView *header = table->horizontalHeader();
    header->setMinimumSectionSize(classColumn);
    header->setSectionResizeMode(last, QHeaderView::Fixed);
    header->resizeSection(last, totalColumn);
    const int needed = table->verticalHeader()->sizeHint().width() + last * classColumn
                       + totalColumn + 2 * table->frameWidth();
    table->setMinimumWidth(needed);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

constexpr float kLowConfidence = 0.6f;
constexpr int kCell = 64;

/// Paints an image with "label → prediction" under it, red when wrong.
class ImageDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        return {kCell, kCell + 16};
    }
    void paint(QPainter *p, const QStyleOptionViewItem &opt, const QModelIndex &index) const override
    {
        const QImage img = index.data(Qt::DecorationRole).value<QImage>();
        const QRect r = opt.rect.adjusted(2, 2, -2, -2);
        if (opt.state & QStyle::State_Selected)
            p->fillRect(opt.rect, opt.palette.highlight());
        p->drawImage(QRect(r.left() + (r.width() - 56) / 2, r.top(), 56, 56), img);
        const bool wrong = index.data(Qt::UserRole + 1).toBool();
        p->setPen(wrong ? QColor(200, 30, 30) : opt.palette.text().color());
        p->drawText(QRect(r.left(), r.top() + 57, r.width(), 16), Qt::AlignCenter, index.data().toString());
    }
};

} // namespace

void DatasetModel::setData(std::shared_ptr<const core::Dataset> data, std::vector<std::uint8_t> predictions,
                           std::vector<float> confidences)
{
    m_data = std::move(data);
    m_predictions = std::move(predictions);
    m_confidences = std::move(confidences);
    refilter();
}

void DatasetModel::clearPredictions()
{
    m_predictions.clear();
    m_confidences.clear();
    refilter();
}

void DatasetModel::setFilter(int trueClass, int predictedClass, bool wrongOnly, bool lowConfidence)
{
    m_trueClass = trueClass;
    m_predicted = predictedClass;
    m_wrongOnly = wrongOnly;
    m_low = lowConfidence;
    refilter();
}

int DatasetModel::prediction(std::uint32_t image) const
{
    return image < m_predictions.size() ? m_predictions[image] : -1;
}

void DatasetModel::refilter()
{
    beginResetModel();
    m_rows.clear();
    if (m_data) {
        const bool havePredictions = m_predictions.size() == m_data->size();
        for (std::uint32_t i = 0; i < m_data->size(); ++i) {
            const int label = m_data->labels[i];
            const int pred = havePredictions ? m_predictions[i] : -1;
            if (m_trueClass >= 0 && label != m_trueClass)
                continue;
            if (m_predicted >= 0 && pred != m_predicted)
                continue;
            if (m_wrongOnly && (!havePredictions || pred == label))
                continue;
            if (m_low && (!havePredictions || m_confidences[i] >= kLowConfidence))
                continue;
            m_rows.push_back(i);
        }
    }
    endResetModel();
}

int DatasetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DatasetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_data)
        return {};
    const std::uint32_t i = m_rows[std::size_t(index.row())];
    const int label = m_data->labels[i];
    const int pred = prediction(i);
    switch (role) {
    case Qt::DecorationRole:
        return grayImage(m_data->image(i), m_data->cols, m_data->rows);
    case Qt::DisplayRole:
        return pred >= 0 ? QStringLiteral("%1 → %2").arg(label).arg(pred) : QString::number(label);
    case Qt::ToolTipRole:
        return DatasetBrowser::tr("Image %1: label %2 (%3), predicted %4 with %5 %")
            .arg(i)
            .arg(label)
            .arg(QString::fromStdString(m_data->classNames.empty() ? std::to_string(label) : m_data->classNames[std::size_t(label)]))
            .arg(pred)
            .arg(localNumber(i < m_confidences.size() ? 100.0 * double(m_confidences[i]) : 0.0, 1));
    case Qt::UserRole:
        return qulonglong(i);
    case Qt::UserRole + 1:
        return pred >= 0 && pred != label;
    default:
        return {};
    }
}

DatasetBrowser::DatasetBrowser(StudioModel *studio, DataSource *data, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
    , m_data(data)
    , m_model(new DatasetModel(this))
    , m_job(new BackgroundJob(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_dataset = new QComboBox;
    m_dataset->addItems({tr("MNIST"), tr("Fashion-MNIST")});
    m_split = new QComboBox;
    m_split->setObjectName(QStringLiteral("split"));
    m_split->addItems({tr("test set (10,000)"), tr("training set (60,000)")});
    m_class = new QComboBox;
    m_class->setObjectName(QStringLiteral("classFilter"));
    m_class->addItem(tr("all classes"), -1);
    for (int c = 0; c < 10; ++c)
        m_class->addItem(tr("only %1").arg(c), c);
    m_wrong = new QCheckBox(tr("only wrong predictions"));
    m_wrong->setObjectName(QStringLiteral("wrongOnly"));
    m_low = new QCheckBox(tr("only unsure (< 60 %)"));
    m_low->setObjectName(QStringLiteral("lowOnly"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_dataset, m_split, m_class, m_wrong, m_low})
        filters->addWidget(w);
    filters->addStretch();
    auto *progress = new JobProgress(m_job, QStringLiteral("evaluationProgress"),
                                     QStringLiteral("cancelEvaluation"),
                                     tr("Stop evaluating; the images are shown without predictions."));
    progress->setMaximumWidth(300);
    connect(progress, &JobProgress::cancelRequested, this, &DatasetBrowser::cancel);
    filters->addWidget(progress);
    layout->addLayout(filters);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("browserSummary"));
    m_summary->setWordWrap(true);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Horizontal);
    m_view = new QListView;
    m_view->setObjectName(QStringLiteral("imageGrid"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setUniformItemSizes(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(500);
    m_view->setSpacing(2);
    m_view->setItemDelegate(new ImageDelegate(m_view));
    m_view->setModel(m_model);
    m_view->setToolTip(tr("Label → prediction; red when the network is wrong. Click an image to "
                          "make it the input of the Inspect and Step through tabs."));
    split->addWidget(m_view);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_metricsTabs = new QTabWidget;
    m_metricsTabs->setObjectName(QStringLiteral("metricsTabs"));
    rightLayout->addWidget(m_metricsTabs, 1);
    m_metricsTabs->addTab(buildConfusionPage(), tr("Confusion matrix"));
    m_metricsTabs->addTab(buildClassPage(), tr("Per class"));
    m_metricsTabs->addTab(buildSummaryPage(), tr("Model summary"));
    auto *buttons = new QHBoxLayout;
    auto *all = new QPushButton(tr("Show all"));
    auto *inspect = new QPushButton(tr("Inspect selected"));
    auto *step = new QPushButton(tr("Step through selected"));
    buttons->addWidget(all);
    buttons->addWidget(inspect);
    buttons->addWidget(step);
    rightLayout->addLayout(buttons);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({700, 520});
    layout->addWidget(split, 1);

    auto refilter = [this] {
        m_cellTrue = m_cellPredicted = -1;
        applyFilter();
    };
    connect(m_class, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_wrong, &QCheckBox::toggled, this, refilter);
    connect(m_low, &QCheckBox::toggled, this, refilter);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        invalidate();
        refresh();
    });
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] {
        invalidate();
        refresh();
    });
    connect(all, &QPushButton::clicked, this, [this] {
        m_class->setCurrentIndex(0);
        m_wrong->setChecked(false);
        m_low->setChecked(false);
        m_cellTrue = m_cellPredicted = -1;
        applyFilter();
    });
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &i) { choose(i.row()); });
    connect(m_view, &QListView::doubleClicked, this, [this](const QModelIndex &i) {
        choose(i.row());
        emit inspectRequested();
    });
    connect(inspect, &QPushButton::clicked, this, &DatasetBrowser::inspectRequested);
    connect(step, &QPushButton::clicked, this, &DatasetBrowser::stepRequested);
    connect(m_confusion, &QTableWidget::cellClicked, this, [this](int row, int column) {
        filterCell(row, column < kClasses ? column : -1); // the total column: the whole row
    });
    connect(m_normalised, &QCheckBox::toggled, this, [this] { showConfusion(nullptr); });
    connect(m_studio, &StudioModel::modelChanged, this, [this] {
        showModelSummary();
        invalidate();
        if (isVisible())
            refresh();
    });
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &error) {
        applyFilter();
        m_summary->setText(m_summary->text() + QStringLiteral(" · ") + error);
        emit evaluated(false);
    });
    connect(m_data, &DataSource::loaded, this, [this] {
        if (m_stale && isVisible())
            evaluateNow();
    });
    connect(m_data, &DataSource::loadFailed, this, [this](core::DatasetKind, const QString &error) {
        m_summary->setText(tr("Cannot load the images: %1").arg(error));
    });
    showModelSummary();
}

QWidget *DatasetBrowser::buildConfusionPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *caption = new QLabel(tr("On the test set: rows are the true class, columns the "
                                  "prediction, the last column the row's images. Click a cell to "
                                  "see its images."));
    caption->setWordWrap(true);
    layout->addWidget(caption);
    m_normalised = new QCheckBox(tr("Share of each row (%)"));
    m_normalised->setObjectName(QStringLiteral("normalisedConfusion"));
    m_normalised->setToolTip(tr("Each cell as a share of its true class's images: the diagonal is "
                                "the class's accuracy (its recall), the rest where its errors go."));
    layout->addWidget(m_normalised);
    m_confusion = new QTableWidget(kClasses, kClasses + 1);
    m_confusion->setObjectName(QStringLiteral("confusionMatrix"));
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setTabKeyNavigation(false);
    setClassHeaders({});
    m_confusion->setMinimumSize(340, 280);
    layout->addWidget(m_confusion, 1);
    return page;
}

QWidget *DatasetBrowser::buildClassPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *caption = new QLabel(tr("On the test set. Accuracy of a class: the share of its images "
                                  "recognised (its recall). Precision: the share of the network's "
                                  "answers “this class” that are right. F1: their harmonic mean."));
    caption->setWordWrap(true);
    layout->addWidget(caption);
    m_classTable = new QTableWidget(kClasses, 5);
    m_classTable->setObjectName(QStringLiteral("classMetrics"));
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setTabKeyNavigation(false);
    m_classTable->setHorizontalHeaderLabels({tr("Images"), tr("Predicted"), tr("Accuracy (recall)"),
                                             tr("Precision"), tr("F1")});
    m_classTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_classTable->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    setClassHeaders({});
    layout->addWidget(m_classTable, 1);
    return page;
}

QWidget *DatasetBrowser::buildSummaryPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *caption = new QLabel(tr("The current model as Keras's <tt>model.summary()</tt> lists it: "
                                  "each layer, the shape of its output for one image (None: any "
                                  "number of images), and its parameters."));
    caption->setWordWrap(true);
    layout->addWidget(caption);
    m_summaryTable = new QTableWidget(0, 3);
    m_summaryTable->setObjectName(QStringLiteral("modelSummary"));
    m_summaryTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summaryTable->setTabKeyNavigation(false);
    m_summaryTable->setHorizontalHeaderLabels({tr("Layer (type)"), tr("Output shape"), tr("Param #")});
    m_summaryTable->verticalHeader()->setVisible(false);
    m_summaryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_summaryTable, 1);
    m_summaryTotal = new QLabel;
    m_summaryTotal->setObjectName(QStringLiteral("modelSummaryTotal"));
    m_summaryTotal->setWordWrap(true);
    layout->addWidget(m_summaryTotal);
    return page;
}

void DatasetBrowser::setClassHeaders(const QStringList &names)
{
    // Columns carry the class numbers only, so that long class names (Fashion-MNIST's "Ankle
    // boot") do not widen all ten columns; the rows carry number and name.
    QStringList rows, columns;
    for (int c = 0; c < kClasses; ++c) {
        const QString number = QString::number(c);
        const QString name = names.value(c, number);
        rows << (name == number ? number : QStringLiteral("%1 %2").arg(number, name));
        columns << number;
    }
    columns << tr("images");
    m_confusion->setHorizontalHeaderLabels(columns);
    m_confusion->setVerticalHeaderLabels(rows);
    for (int c = 0; c < kClasses; ++c)
        m_confusion->horizontalHeaderItem(c)->setToolTip(rows[c]);
    if (m_classTable)
        m_classTable->setVerticalHeaderLabels(rows);
}

void DatasetBrowser::showModelSummary()
{
    m_summaryTable->setRowCount(0);
    const auto model = m_studio->model();
    if (!model) {
        m_summaryTotal->setText(tr("No model is loaded."));
        return;
    }
    const core::ModelSpec &spec = model->network.spec();
    auto shapeText = [](const core::Shape &s) {
        return s.image ? QStringLiteral("(None, %1, %2, %3)").arg(s.height).arg(s.width).arg(s.channels)
                       : QStringLiteral("(None, %1)").arg(s.channels);
    };
    const auto rows = core::modelSummary(spec);
    m_summaryTable->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto &row = rows[std::size_t(r)];
        m_summaryTable->setItem(r, 0, new QTableWidgetItem(QStringLiteral("%1 (%2)").arg(
                                          QString::fromStdString(row.name), QString::fromStdString(row.type))));
        m_summaryTable->setItem(r, 1, new QTableWidgetItem(shapeText(row.output)));
        auto *params = new QTableWidgetItem(QLocale().toString(qlonglong(row.parameters)));
        params->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_summaryTable->setItem(r, 2, params);
    }
    const std::int64_t total = spec.parameterCount();
    m_summaryTotal->setText(tr("Input: %1 · total parameters: %2 (%3 as float32), all trainable.")
                                .arg(shapeText(spec.inputTensorShape()),
                                     QLocale().toString(qlonglong(total)),
                                     QLocale().formattedDataSize(total * 4, 1, QLocale::DataSizeSIFormat)));
}

void DatasetBrowser::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_confusion)
        fitColumns(m_confusion);
}

void DatasetBrowser::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_job->isRunning())
        refresh();
}

bool DatasetBrowser::isBusy() const { return m_job->isRunning(); }

void DatasetBrowser::invalidate()
{
    m_job->cancel();
    m_stale = true;
    m_eval = {};
    m_model->clearPredictions();
    showConfusion(nullptr);
    applyFilter();
}

void DatasetBrowser::cancel()
{
    if (!m_job->isRunning())
        return;
    invalidate();
    m_summary->setText(m_summary->text() + QStringLiteral(" · ")
                       + tr("Evaluation cancelled: the images are shown without predictions. Open the tab again to evaluate."));
}

void DatasetBrowser::refresh()
{
    const auto kind = m_dataset->currentIndex() == 1 ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
    if (!m_data->train(kind)) {
        invalidate();
        m_summary->setText(tr("Loading the images…"));
        m_data->load(kind);
        return;
    }
    evaluateNow();
}

bool DatasetBrowser::shutdown(int timeoutMs)
{
    m_shutDown = true;
    m_job->cancel();
    return m_job->waitForIdle(timeoutMs);
}

void DatasetBrowser::evaluateNow()
{
    const auto kind = m_dataset->currentIndex() == 1 ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
    const auto test = m_data->test(kind);
    const auto shown = m_split->currentIndex() == 1 ? m_data->train(kind) : test;
    if (!test || !shown)
        return;
    invalidate();
    if (m_shutDown)
        return;
    m_stale = false;
    // The images at once, without predictions; these follow from the worker.
    m_model->setData(shown, {}, {});
    applyFilter();
    const auto model = m_studio->model();
    if (!model)
        return;
    if (model->network.spec().inputSize != shown->pixels() || model->network.spec().outputSize() != 10) {
        m_summary->setText(m_summary->text() + QStringLiteral(" · ")
                           + tr("The current model does not take 28×28 images with 10 classes; showing the images only."));
        return;
    }
    m_summary->setText(tr("Evaluating the current model on %Ln image(s)…", nullptr, int(shown->size())));
    // The worker holds the model and the datasets by shared pointer: they stay alive and unchanged.
    m_job->start<DatasetEvaluation>(
        [model, shown, test](const core::Progress &progress) {
            DatasetEvaluation r;
            if (shown == test) {
                r.test = core::evaluate(model->network, *test, {}, &r.predictions, &r.confidences, progress);
            } else {
                // Progress in images of both sets.
                const auto all = std::int64_t(shown->size() + test->size());
                const auto first = std::int64_t(shown->size());
                core::evaluate(model->network, *shown, {}, &r.predictions, &r.confidences, progress.stage(0, first, all));
                r.test = core::evaluate(model->network, *test, {}, nullptr, nullptr, progress.stage(first, all, all));
            }
            return r;
        },
        [this, shown, test](DatasetEvaluation result) { showEvaluation(shown, *test, result); });
}

void DatasetBrowser::showEvaluation(std::shared_ptr<const core::Dataset> shown, const core::Dataset &test,
                                    DatasetEvaluation &result)
{
    m_eval = std::move(result.test);
    m_model->setData(std::move(shown), std::move(result.predictions), std::move(result.confidences));
    showConfusion(&test);
    applyFilter();
    emit evaluated(true);
}

void DatasetBrowser::showConfusion(const core::Dataset *test)
{
    if (test) {
        QStringList names;
        for (const auto &n : test->classNames)
            names << QString::fromStdString(n);
        setClassHeaders(names);
    }
    const bool known = m_eval.classes == kClasses;
    const bool shares = m_normalised->isChecked();
    const std::vector<double> rates = known ? core::rowNormalised(m_eval) : std::vector<double>();
    const std::vector<core::ClassMetrics> metrics = known ? core::classMetrics(m_eval)
                                                          : std::vector<core::ClassMetrics>();
    // Off-diagonal cells are shaded by their share of the row, so that a class with few images
    // shows its errors as clearly as a large one.
    double maxOff = 0.01;
    for (int r = 0; r < kClasses && known; ++r)
        for (int c = 0; c < kClasses; ++c)
            if (r != c)
                maxOff = std::max(maxOff, rates[std::size_t(r * kClasses + c)]);
    for (int r = 0; r < kClasses; ++r) {
        for (int c = 0; c < kClasses; ++c) {
            const int n = known ? m_eval.count(r, c) : 0;
            const double rate = known ? rates[std::size_t(r * kClasses + c)] : 0.0;
            QString text;
            if (known)
                text = shares ? localNumber(100.0 * rate, 1) : QLocale().toString(n);
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            if (known)
                item->setToolTip(tr("true %1, predicted %2: %3 of %Ln image(s) (%4 %)", nullptr,
                                    metrics[std::size_t(r)].images)
                                     .arg(m_confusion->verticalHeaderItem(r)->text(),
                                          m_confusion->verticalHeaderItem(c)->text(),
                                          QLocale().toString(n), localNumber(100.0 * rate, 1)));
            if (r == c)
                item->setBackground(QColor(200, 235, 200));
            else if (n > 0)
                item->setBackground(QColor(255, int(235 - 150.0 * rate / maxOff), int(235 - 150.0 * rate / maxOff)));
            m_confusion->setItem(r, c, item);
        }
        auto *total = new QTableWidgetItem(known ? QLocale().toString(metrics[std::size_t(r)].images) : QString());
        total->setTextAlignment(Qt::AlignCenter);
        total->setBackground(QColor(235, 235, 235));
        m_confusion->setItem(r, kClasses, total);
    }
    fitColumns(m_confusion);
    for (int r = 0; r < kClasses; ++r) {
        QStringList cells;
        if (known) {
            const core::ClassMetrics &m = metrics[std::size_t(r)];
            cells << QLocale().toString(m.images) << QLocale().toString(m.predicted)
                  << QStringLiteral("%1 %").arg(localNumber(100.0 * m.recall, 1))
                  << (m.predicted > 0 ? QStringLiteral("%1 %").arg(localNumber(100.0 * m.precision, 1))
                                      : tr("never predicted"))
                  << localNumber(m.f1, 3);
        }
        for (int c = 0; c < 5; ++c) {
            auto *item = new QTableWidgetItem(cells.value(c));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_classTable->setItem(r, c, item);
        }
    }
}

void DatasetBrowser::filterCell(int trueClass, int predicted)
{
    m_cellTrue = trueClass;
    m_cellPredicted = predicted;
    applyFilter();
}

void DatasetBrowser::applyFilter()
{
    const int trueClass = m_cellTrue >= 0 ? m_cellTrue : m_class->currentData().toInt();
    m_model->setFilter(trueClass, m_cellPredicted, m_wrong->isChecked(), m_low->isChecked());
    QString text = tr("%Ln image(s) shown", nullptr, m_model->rowCount());
    if (m_eval.classes)
        text += tr(" · test accuracy of the current model: %1 %").arg(localNumber(100.0 * m_eval.accuracy, 2));
    if (m_cellTrue >= 0)
        text += tr(" · true %1, predicted %2").arg(m_cellTrue).arg(m_cellPredicted);
    m_summary->setText(text);
}

void DatasetBrowser::choose(int row)
{
    if (row < 0 || row >= m_model->rowCount() || !m_model->dataset())
        return;
    const std::uint32_t i = m_model->imageIndex(row);
    const core::Dataset &d = *m_model->dataset();
    if (d.pixels() != 784)
        return;
    std::array<float, 784> pixels;
    for (int p = 0; p < 784; ++p)
        pixels[std::size_t(p)] = float(d.image(i)[p]) / 255.0f;
    m_studio->setInput(pixels, d.labels[i],
                       tr("%1 image %2 (label %3)").arg(QString::fromStdString(d.name)).arg(i).arg(d.labels[i]));
}

} // namespace tinyml::ui
