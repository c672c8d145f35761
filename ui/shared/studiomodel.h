// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"
#include "core/tflite/tflitereader.h"

#include "ui/shared/backgroundjob.h"

#include <QObject>
#include <QString>

#include <array>
#include <memory>
#include <optional>

namespace tinyml::ui {

/// The studio's current model, shared read-only by every panel: the embedded default, the
/// one just trained, or one opened from a file. Lives on the GUI thread; the network it holds
/// is immutable (a new model replaces the pointer), so worker threads may keep a copy of it.
class StudioModel : public QObject
{
    Q_OBJECT

public:
    explicit StudioModel(QObject *parent = nullptr);

    std::shared_ptr<const core::LoadedModel> model() const { return m_model; }
    /// Where it came from, for the user ("embedded default model", a file name, "trained now").
    QString origin() const { return m_origin; }
    /// True when the model was trained in this session and not saved yet.
    bool isUnsaved() const { return m_unsaved; }

    void setModel(std::shared_ptr<const core::LoadedModel> model, const QString &origin,
                  bool unsaved);
    void markSaved(const QString &origin);

    /// Loads the embedded default model; false (with the reason in error) when missing.
    bool loadDefault(QString *error = nullptr);
    /// Loads a model file, the studio's own or a .tflite (told apart by content); false with the
    /// reason in error, the current model untouched. A .tflite whose file does not state its
    /// input range takes inputRange; without one it fails and sets *needsInputRange, so that the
    /// caller can ask the user (and remember the answer with rememberInputRange()).
    bool loadFile(const QString &path, QString *error = nullptr,
                  std::optional<core::TfliteInputRange> inputRange = {},
                  bool *needsInputRange = nullptr);
    /// loadFile() on a worker thread: the file is read off the GUI thread (a large model takes
    /// seconds), and the model is replaced when it has been read, with fileOpened(path);
    /// openFailed(path, reason, needsInputRange) otherwise, the current model untouched. A second
    /// call before the first ends drops the first one's result. Returns at once.
    void openFile(const QString &path, std::optional<core::TfliteInputRange> inputRange = {});
    /// True while openFile() reads a file.
    bool isOpening() const;
    /// The input range the user chose for the .tflite at path, if any (settings, per file).
    static std::optional<core::TfliteInputRange> rememberedInputRange(const QString &path);
    static void rememberInputRange(const QString &path, core::TfliteInputRange range);
    /// What the model's import did, for the user; empty for the studio's own files.
    QString importNote() const;
    /// Saves the current model; false with the reason in error.
    bool saveFile(const QString &path, QString *error = nullptr);
    /// The file name a save dialog's answer stands for: ".tmlm" added unless it ends so
    /// ("digits" and "digits.v2" become "digits.tmlm" and "digits.v2.tmlm").
    static QString modelFileName(const QString &chosen);

    /// The input every panel looks at: a drawing or a dataset image, 784 values in 0..1.
    struct Input
    {
        std::array<float, 784> pixels{};
        int label = -1;      ///< the true class when known
        QString source;      ///< "your drawing", "MNIST test image 42", ...
        bool valid = false;
    };
    const Input &input() const { return m_input; }
    void setInput(const std::array<float, 784> &pixels, int label, const QString &source);

signals:
    void modelChanged();
    void inputChanged();
    void fileOpened(const QString &path);
    void openFailed(const QString &path, const QString &reason, bool needsInputRange);

private:
    /// Reads the file at path (the studio's own format, a .tflite or a resource): any thread.
    static std::shared_ptr<const core::LoadedModel>
    readModelFile(const QString &path, std::optional<core::TfliteInputRange> inputRange);

    BackgroundJob *m_opening;
    QString m_openingPath;
    std::shared_ptr<const core::LoadedModel> m_model;
    QString m_origin;
    bool m_unsaved = false;
    Input m_input;
};

} // namespace tinyml::ui
