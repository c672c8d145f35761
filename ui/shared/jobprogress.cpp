// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/jobprogress.h"

#include "ui/shared/backgroundjob.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace tinyml::ui {

JobProgress::JobProgress(BackgroundJob *job, const QString &barName, const QString &cancelName,
                         const QString &cancelToolTip, QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
{
    m_bar->setObjectName(barName);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_cancel->setObjectName(cancelName);
    m_cancel->setToolTip(cancelToolTip);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    setVisible(job->isRunning());
    connect(job, &BackgroundJob::progressChanged, this, [this](qint64 done, qint64 total) {
        m_bar->setValue(int(1000 * done / std::max<qint64>(1, total)));
    });
    connect(job, &BackgroundJob::runningChanged, this, [this](bool running) {
        m_bar->setValue(0);
        setVisible(running);
    });
    connect(m_cancel, &QPushButton::clicked, this, &JobProgress::cancelRequested);
}

} // namespace tinyml::ui
