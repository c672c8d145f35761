// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/deploy/codegen.h"
#include "core/deploy/tflmsketch.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace tinyml::ui {

class BackgroundJob;
class DataSource;
class StudioModel;
struct ExportResult;

/// The Export tab: C code of the current model for a microcontroller (float32 or int8), its
/// Flash and RAM against a chosen board, a latency estimate, and float against int8 accuracy.
/// Lives on the GUI thread. Quantization, code generation and the int8 evaluation run on a
/// worker (a BackgroundJob) a quarter second after the last change, with a progress bar and
/// Cancel; a change of the model or of a setting cancels the running job and clears the shown
/// results, so that results of an older model or older settings are never shown.
class ExportPanel : public QWidget
{
    Q_OBJECT

public:
    ExportPanel(StudioModel *studio, DataSource *data, QWidget *parent = nullptr);

    /// Starts generating now (normally debounced) and returns true; generated() follows. False
    /// with message() when it cannot start (no suitable model, or MNIST still loading).
    bool generate();
    /// Stops the running generation; its result is never shown.
    void cancel();
    /// True while a generation runs.
    bool isBusy() const;
    /// The worker (e.g. for its progress).
    BackgroundJob *job() const { return m_job; }
    /// For closing the window: cancels, starts no job any more, and waits for the worker's
    /// thread; false when it still computes after timeoutMs.
    bool shutdown(int timeoutMs);
    /// The code of the current model and settings; empty while it is being generated.
    const std::optional<core::GeneratedCode> &code() const { return m_code; }
    QString message() const;
    /// Writes the files into folder (a sketch folder inside it for the Arduino format); false
    /// with error when there is no code yet.
    bool saveTo(const QString &folder, QString *error = nullptr);
    void setPrecision(core::Precision precision);
    void setBoard(int index);
    void setPrefix(const QString &prefix);
    /// The selected board's verdict on the current code (docs/facts.md §9); empty without code.
    std::optional<core::BoardVerdict> verdict() const;
    /// Whether the complete program fits the board's Flash (and AVR's limits on arrays) and RAM.
    bool flashFits() const;
    bool ramFits() const;
    bool fits() const;
    /// The budget and verdict as shown, with its reason.
    QString verdictText() const;
    QProgressBar *flashBar() const { return m_flash; }
    QProgressBar *ramBar() const { return m_ram; }
    QListWidget *flippedList() const { return m_flipped; }
    /// One row per layer: what it costs on the board (RAM while it runs, Flash).
    QTableWidget *layerTable() const { return m_layers; }
    void setDenseQuantization(core::DenseQuantization dense);

signals:
    void inspectRequested();
    /// A generation ended: ok with code() shown, or not with message() saying why.
    void generated(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleGenerate();
    void invalidate();
    void showResult(ExportResult &result, const core::Dataset &test);
    void updateBudget();
    void updateLayerTable();
    const core::Board &currentBoard() const;

    StudioModel *m_studio;
    DataSource *m_data;
    QComboBox *m_precision;
    QComboBox *m_board;
    QComboBox *m_dense;
    QTableWidget *m_layers;
    QLineEdit *m_prefix;
    QLineEdit *m_baseName;
    QSpinBox *m_calibration;
    QCheckBox *m_arduino;
    QCheckBox *m_tflm;
    QLabel *m_identifier;
    QProgressBar *m_flash;
    QProgressBar *m_ram;
    QLabel *m_budgetText;
    QLabel *m_latency;
    QLabel *m_accuracy;
    QListWidget *m_flipped;
    QTabWidget *m_views;
    QPlainTextEdit *m_headerView;
    QPlainTextEdit *m_sourceView;
    QPlainTextEdit *m_sketchView;
    QPlainTextEdit *m_tflmView;
    QLabel *m_message;
    QPushButton *m_copy;
    QPushButton *m_save;
    QTimer *m_debounce;
    BackgroundJob *m_job;
    std::optional<core::GeneratedCode> m_code;
    std::optional<core::TflmSketch> m_tflmSketch; ///< the TFLite Micro sketch of the code shown
    std::optional<core::QuantizedEvaluation> m_quantEval;
    double m_floatAccuracy = 0.0;
    /// int8: where the code's int8 numbers come from (the file's or quantized here), for the
    /// message; empty for float32.
    QString m_int8Numbers;
    bool m_stale = true;
    bool m_progmem = false; ///< whether the code shown (or being made) keeps its arrays in PROGMEM
    bool m_shutDown = false;
};

} // namespace tinyml::ui
