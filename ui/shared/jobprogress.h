// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QProgressBar;
class QPushButton;

namespace tinyml::ui {

class BackgroundJob;

/// A progress bar and a Cancel button that follow a BackgroundJob: shown while it runs,
/// hidden otherwise. Cancel only asks (cancelRequested); the panel decides what cancelling
/// means for what it shows. Lives on the GUI thread.
class JobProgress : public QWidget
{
    Q_OBJECT

public:
    /// barName and cancelName become the children's object names (for tests and styling).
    JobProgress(BackgroundJob *job, const QString &barName, const QString &cancelName,
                const QString &cancelToolTip, QWidget *parent = nullptr);

signals:
    void cancelRequested();

private:
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace tinyml::ui
