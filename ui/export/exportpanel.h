// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/deploy/codegen.h"

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
class QSpinBox;
class QTabWidget;
class QTimer;

namespace tinyml::ui {

class DataSource;
class StudioModel;

/// The Export tab: C code of the current model for a microcontroller (float32 or int8), its
/// Flash and RAM against a chosen board, a latency estimate, and float against int8 accuracy.
/// Lives on the GUI thread; code generation runs on demand (a quarter second after the last change).
class ExportPanel : public QWidget
{
    Q_OBJECT

public:
    ExportPanel(StudioModel *studio, DataSource *data, QWidget *parent = nullptr);

    /// Generates now (normally debounced); false with message() when it cannot.
    bool generate();
    const std::optional<core::GeneratedCode> &code() const { return m_code; }
    QString message() const;
    /// Writes the files into folder (a sketch folder inside it for the Arduino format).
    bool saveTo(const QString &folder, QString *error = nullptr);
    void setPrecision(core::Precision precision);
    void setBoard(int index);
    void setPrefix(const QString &prefix);
    bool flashFits() const;
    bool ramFits() const;
    QProgressBar *flashBar() const { return m_flash; }
    QProgressBar *ramBar() const { return m_ram; }
    QListWidget *flippedList() const { return m_flipped; }

signals:
    void inspectRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleGenerate();
    void updateBudget();
    void showCode();

    StudioModel *m_studio;
    DataSource *m_data;
    QComboBox *m_precision;
    QComboBox *m_board;
    QLineEdit *m_prefix;
    QLineEdit *m_baseName;
    QSpinBox *m_calibration;
    QCheckBox *m_arduino;
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
    QLabel *m_message;
    QTimer *m_debounce;
    std::optional<core::GeneratedCode> m_code;
    std::optional<core::QuantizedEvaluation> m_quantEval;
    double m_floatAccuracy = 0.0;
    bool m_stale = true;
};

} // namespace tinyml::ui
