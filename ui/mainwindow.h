// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QTabWidget;
class QLabel;

namespace tinyml::ui {

class StudioModel;

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void showAbout();
    void chooseLanguage(const QString &code);
    QWidget *placeholder(const QString &title, const QString &text);

    StudioModel *m_studio = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_modelLabel = nullptr;
};

} // namespace tinyml::ui
