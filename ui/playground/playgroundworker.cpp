// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/playground/playgroundworker.h"

#include "ui/playground/playgroundviews.h"

#include "core/base/error.h"

#include <QTimer>

namespace tinyml::ui {

namespace {

bool sameData(const core::PlaygroundConfig &a, const core::PlaygroundConfig &b)
{
    return a.data == b.data && a.points == b.points && a.noise == b.noise
           && a.trainRatio == b.trainRatio && a.seed == b.seed;
}

} // namespace

PlaygroundWorker::PlaygroundWorker() : m_timer(new QTimer(this))
{
    qRegisterMetaType<PlaygroundSnapshotPtr>();
    qRegisterMetaType<core::PlaygroundConfig>();
    qRegisterMetaType<core::PlanarPoint>();
    qRegisterMetaType<std::shared_ptr<const core::PlanarData>>();
    m_timer->setInterval(kFrameMs);
    connect(m_timer, &QTimer::timeout, this, &PlaygroundWorker::frame);
}

PlaygroundWorker::~PlaygroundWorker() = default;

void PlaygroundWorker::acknowledge()
{
    m_ready = true;
    QMetaObject::invokeMethod(this, &PlaygroundWorker::flush, Qt::QueuedConnection);
}

void PlaygroundWorker::flush()
{
    if (m_dirty)
        publish();
}

void PlaygroundWorker::configure(const core::PlaygroundConfig &config,
                                 std::shared_ptr<const core::PlanarData> data)
{
    try {
        config.validate();
        if (!data && m_playground && m_playground->canRetune(config)) {
            m_playground->retune(config);
        } else {
            if (!data && m_playground && sameData(m_playground->config(), config)
                && config.data != core::PlanarKind::Custom)
                data = m_data;
            if (!data && m_playground && config.data == core::PlanarKind::Custom
                && m_playground->config().data == core::PlanarKind::Custom)
                data = std::make_shared<core::PlanarData>(m_playground->data());
            if (!data) {
                m_playground = std::make_unique<core::Playground>(config);
                m_data = std::make_shared<core::PlanarData>(m_playground->data());
            } else {
                m_playground = std::make_unique<core::Playground>(config, *data);
                m_data = data;
            }
            ++m_generation;
            m_pending.clear();
            m_diverged = false;
        }
    } catch (const core::Error &e) {
        emit failed(int(e.code()), QString::fromStdString(e.args().name),
                    e.args().value.value_or(0.0));
        return;
    }
    publish();
}

void PlaygroundWorker::play()
{
    if (!m_playground || m_diverged)
        return;
    m_playing = true;
    m_timer->start();
    publish();
}

void PlaygroundWorker::pause()
{
    m_playing = false;
    m_timer->stop();
    publish();
}

void PlaygroundWorker::step()
{
    if (!m_playground || m_diverged)
        return;
    pause();
    trainOne();
    publish();
}

void PlaygroundWorker::reset()
{
    if (!m_playground)
        return;
    m_playground->reset();
    ++m_generation;
    m_pending.clear();
    m_diverged = false;
    publish();
}

void PlaygroundWorker::addPoint(const core::PlanarPoint &point)
{
    if (!m_playground)
        return;
    m_playground->addPoint(point);
    m_data = std::make_shared<core::PlanarData>(m_playground->data());
    publish();
}

void PlaygroundWorker::setGradientShown(bool shown)
{
    m_gradient = shown;
    publish();
}

void PlaygroundWorker::setGrid(int grid)
{
    m_grid = std::clamp(grid, 10, 400);
    publish();
}

void PlaygroundWorker::setEpochsPerFrame(int epochs)
{
    m_epochsPerFrame = std::clamp(epochs, 1, 1000);
}

void PlaygroundWorker::trainOne()
{
    m_playground->trainEpoch();
    if (!m_playground->network().isFinite()) {
        m_diverged = true;
        m_playing = false;
        m_timer->stop();
        return;
    }
    m_pending.push_back(
        {m_playground->epoch(), m_playground->trainLoss(), m_playground->testLoss()});
}

void PlaygroundWorker::frame()
{
    if (!m_playground || !m_playing)
        return;
    for (int i = 0; i < m_epochsPerFrame && !m_diverged; ++i)
        trainOne();
    publish();
}

void PlaygroundWorker::publish()
{
    if (!m_playground)
        return;
    if (!m_ready.exchange(false)) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    auto s = std::make_shared<PlaygroundSnapshot>();
    s->generation = m_generation;
    s->config = m_playground->config();
    s->data = m_data;
    s->spec = m_playground->network().spec();
    const auto params = m_playground->network().parameters();
    s->parameters.assign(params.begin(), params.end());
    if (!m_diverged) {
        s->maps = m_playground->maps(m_grid);
        for (std::size_t l = 0; l < s->maps.layers.size(); ++l) {
            std::vector<QImage> column;
            for (Eigen::Index u = 0; u < s->maps.layers[l].rows(); ++u)
                column.push_back(neuronImage(*s, l, u));
            s->images.push_back(std::move(column));
        }
        if (!core::isRegression(s->config.data) && !s->maps.layers.empty())
            s->outputMap = neuronImage(*s, s->maps.layers.size() - 1, 1, 0.6f);
    }
    s->newEpochs.swap(m_pending);
    s->epoch = m_playground->epoch();
    if (!m_diverged) {
        s->trainLoss = m_playground->trainLoss();
        s->testLoss = m_playground->testLoss();
        if (m_gradient)
            s->gradient = m_playground->gradient();
    }
    s->playing = m_playing;
    s->diverged = m_diverged;
    emit snapshotReady(std::move(s));
}

PlaygroundThread::PlaygroundThread(QObject *parent)
    : QObject(parent), m_worker(new PlaygroundWorker)
{
    m_thread.setObjectName(QStringLiteral("playground"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

PlaygroundThread::~PlaygroundThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace tinyml::ui
