// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QStringList>

#include <functional>

class QTabWidget;
class QLabel;

namespace tinyml::ui {

/// Scales the application's font (1.0: the system's size); widgets follow at once.
void applyTextScale(double scale);

class DataSource;
class RunStore;
class StudioModel;
class TrainPanel;
class DrawPanel;
class DatasetBrowser;
class InspectorPanel;
class ExportPanel;
class StepperPanel;
class LearnPanel;
class PlaygroundPanel;
class UserDigits;

/// The studio's main window: one tab per part of the product, menus, toolbar, status bar.
/// Lives on the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    QTabWidget *tabs() const { return m_tabs; }
    StudioModel *studio() const { return m_studio; }
    DataSource *dataSource() const { return m_data; }
    RunStore *runStore() const { return m_runs; }
    TrainPanel *trainPanel() const { return m_train; }
    DrawPanel *drawPanel() const { return m_draw; }
    DatasetBrowser *datasetBrowser() const { return m_browser; }
    InspectorPanel *inspector() const { return m_inspector; }
    ExportPanel *exportPanel() const { return m_export; }
    StepperPanel *stepper() const { return m_stepper; }
    LearnPanel *learnPanel() const { return m_learn; }
    PlaygroundPanel *playground() const { return m_playground; }
    UserDigits *userDigits() const { return m_own; }

    /// Asks before an unsaved trained model is discarded: Save, Discard or Cancel. Replaceable
    /// (tests answer without a dialog). Returns false when the learner cancels.
    std::function<QMessageBox::StandardButton(const QString &question)> askUnsaved;
    /// Stops training (asking first when a model is unsaved); false when the learner cancels.
    bool confirmDiscard(const QString &question);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void showAbout();
    void chooseLanguage(const QString &code);
    void openModel();
    void onOpenFailed(const QString &path, const QString &reason, bool needsInputRange);
    void onFileOpened();
    void saveModel();
    /// Shows on the status bar what of the saved runs or drawings could not be read.
    void reportUnreadWork(const QString &error);

    StudioModel *m_studio = nullptr;
    DataSource *m_data = nullptr;
    RunStore *m_runs = nullptr;
    TrainPanel *m_train = nullptr;
    DrawPanel *m_draw = nullptr;
    DatasetBrowser *m_browser = nullptr;
    InspectorPanel *m_inspector = nullptr;
    ExportPanel *m_export = nullptr;
    StepperPanel *m_stepper = nullptr;
    LearnPanel *m_learn = nullptr;
    PlaygroundPanel *m_playground = nullptr;
    UserDigits *m_own = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_modelLabel = nullptr;
    QStringList m_unreadWork; ///< what reportUnreadWork() was told so far
};

} // namespace tinyml::ui
