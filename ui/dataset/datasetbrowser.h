// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"
#include "core/nn/trainer.h"

#include <QAbstractListModel>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace tinyml::ui {

class BackgroundJob;
class DataSource;
class StudioModel;
struct DatasetEvaluation;

/// The images of one split with their label and the current model's prediction, filtered.
/// Roles: DecorationRole (the image), DisplayRole ("7 → 7"), Qt::UserRole (index in the split).
class DatasetModel : public QAbstractListModel
{
    Q_OBJECT

public:
    using QAbstractListModel::QAbstractListModel;

    void setData(std::shared_ptr<const core::Dataset> data, std::vector<std::uint8_t> predictions,
                 std::vector<float> confidences);
    /// The same images without predictions (they belonged to another model).
    void clearPredictions();
    /// classFilter -1: all; predictedFilter -1: any; wrongOnly; lowConfidence: top p < 0.6.
    void setFilter(int trueClass, int predictedClass, bool wrongOnly, bool lowConfidence);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    std::uint32_t imageIndex(int row) const { return m_rows[std::size_t(row)]; }
    const core::Dataset *dataset() const { return m_data.get(); }
    int prediction(std::uint32_t image) const;

private:
    void refilter();

    std::shared_ptr<const core::Dataset> m_data;
    std::vector<std::uint8_t> m_predictions;
    std::vector<float> m_confidences;
    std::vector<std::uint32_t> m_rows;
    int m_trueClass = -1, m_predicted = -1;
    bool m_wrongOnly = false, m_low = false;
};

/// The Dataset tab: a scrollable grid of MNIST or Fashion-MNIST images with filters, and the
/// confusion matrix of the current model on the test set. Lives on the GUI thread; the model is
/// evaluated on a worker (a BackgroundJob) with a progress bar and Cancel. A change of the model,
/// the dataset or the split cancels the running evaluation and clears the predictions shown, so
/// that predictions of another model or split are never shown.
class DatasetBrowser : public QWidget
{
    Q_OBJECT

public:
    DatasetBrowser(StudioModel *studio, DataSource *data, QWidget *parent = nullptr);

    DatasetModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    /// Confusion matrix: kClasses rows, kClasses + 1 columns (the last: the row's images).
    QTableWidget *confusion() const { return m_confusion; }
    /// Per class: images, predicted, accuracy (recall), precision, F1.
    QTableWidget *classMetrics() const { return m_classTable; }
    /// The current model's layers as Keras's model.summary() lists them.
    QTableWidget *modelSummary() const { return m_summaryTable; }
    static constexpr int kClasses = 10;
    /// The current model on the test set; classes is 0 while none is known.
    const core::Evaluation &evaluation() const { return m_eval; }
    /// Loads the data if needed and starts evaluating the current model (also called when
    /// shown); evaluated() follows.
    void refresh();
    /// Stops the running evaluation; its result is never shown.
    void cancel();
    bool isBusy() const;
    /// The worker (e.g. for its progress).
    BackgroundJob *job() const { return m_job; }
    /// For closing the window: cancels, starts no job any more, and waits for the worker's
    /// thread; false when it still computes after timeoutMs.
    bool shutdown(int timeoutMs);
    /// As a click on a grid cell: the image becomes the studio's input.
    void choose(int row);
    void filterCell(int trueClass, int predicted);

signals:
    void inspectRequested();
    void stepRequested();
    /// An evaluation ended: ok with its predictions shown, or not with the reason in the summary.
    void evaluated(bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void evaluateNow();
    void invalidate();
    void showEvaluation(std::shared_ptr<const core::Dataset> shown, const core::Dataset &test,
                        DatasetEvaluation &result);
    /// Confusion matrix and per-class metrics of m_eval; test names the classes when given.
    void showConfusion(const core::Dataset *test);
    void showModelSummary();
    void setClassHeaders(const QStringList &names);
    QWidget *buildConfusionPage();
    QWidget *buildClassPage();
    QWidget *buildSummaryPage();
    void applyFilter();

    StudioModel *m_studio;
    DataSource *m_data;
    DatasetModel *m_model;
    QComboBox *m_dataset;
    QComboBox *m_split;
    QComboBox *m_class;
    QCheckBox *m_wrong;
    QCheckBox *m_low;
    QLabel *m_summary;
    BackgroundJob *m_job;
    QListView *m_view;
    QTabWidget *m_metricsTabs;
    QCheckBox *m_normalised;
    QTableWidget *m_confusion;
    QTableWidget *m_classTable = nullptr;
    QTableWidget *m_summaryTable;
    QLabel *m_summaryTotal;
    core::Evaluation m_eval;
    bool m_stale = true;
    bool m_shutDown = false;
    int m_cellTrue = -1, m_cellPredicted = -1;
};

} // namespace tinyml::ui
