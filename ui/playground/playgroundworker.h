// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/playground/playground.h"

#include <QImage>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

class QTimer;

namespace tinyml::ui {

/// What the Playground's worker sends to the GUI: an immutable copy of the network, every
/// neuron's map and the losses of the epochs trained since the previous snapshot.
struct PlaygroundSnapshot
{
    quint64 generation = 0; ///< counts configure() calls: a new one restarts the history
    core::PlaygroundConfig config;
    std::shared_ptr<const core::PlanarData> data; ///< shared until the points change
    core::ModelSpec spec;
    std::vector<float> parameters; ///< as core::Network::parameters()
    core::PlaygroundMaps maps;
    /// Every neuron's map as a picture (images[layer][unit], layers as in maps) and the output's
    /// decision map in paler colours, coloured on the worker so the GUI thread only paints.
    std::vector<std::vector<QImage>> images;
    QImage outputMap;
    std::vector<core::PlaygroundEpoch> newEpochs; ///< trained since the previous snapshot
    int epoch = 0;
    double trainLoss = 0.0;
    double testLoss = 0.0;
    std::vector<float> gradient; ///< full-batch gradient when asked for, else empty
    bool playing = false;
    bool diverged = false; ///< training stopped: a weight became infinite or NaN
};
using PlaygroundSnapshotPtr = std::shared_ptr<const PlaygroundSnapshot>;

/// Owns a core::Playground on its own thread: trains while playing (a frame every 25 ms, each
/// frame some epochs) and, after each frame, computes every map in one batched forward pass and
/// sends a snapshot — only when the GUI has taken the previous one (acknowledge()), so a busy
/// GUI thread is never flooded. All slots run on the worker thread (call them queued).
class PlaygroundWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 25;

    PlaygroundWorker();
    ~PlaygroundWorker() override;

    /// Thread-safe: the GUI has shown the last snapshot and can take the next one.
    void acknowledge();

public slots:
    /// New settings. data: points to use (a loaded or drawn set); null: generate them from the
    /// config, or keep the current ones when only the data settings are unchanged. Keeps the
    /// weights when only training settings changed.
    void configure(const tinyml::core::PlaygroundConfig &config,
                   std::shared_ptr<const tinyml::core::PlanarData> data);
    void play();
    void pause();
    void step();
    void reset();
    void addPoint(const tinyml::core::PlanarPoint &point);
    void setGradientShown(bool shown);
    void setGrid(int grid);
    void setEpochsPerFrame(int epochs);

signals:
    void snapshotReady(tinyml::ui::PlaygroundSnapshotPtr snapshot);
    /// A setting the engine refused (the text is the engine's; the GUI translates the code).
    void failed(int code, const QString &name, double value);

private:
    void frame();
    void trainOne();
    void publish();
    void flush();

    std::unique_ptr<core::Playground> m_playground;
    std::shared_ptr<const core::PlanarData> m_data;
    QTimer *m_timer;
    std::vector<core::PlaygroundEpoch> m_pending;
    quint64 m_generation = 0;
    int m_grid = 100;
    int m_epochsPerFrame = 1;
    bool m_gradient = false;
    bool m_playing = false;
    bool m_diverged = false;
    bool m_dirty = false;
    std::atomic<bool> m_ready{true};
};

/// The worker's thread, started on construction and stopped (quit, wait) on destruction. Lives
/// on the GUI thread; its methods post to the worker.
class PlaygroundThread : public QObject
{
    Q_OBJECT

public:
    explicit PlaygroundThread(QObject *parent = nullptr);
    ~PlaygroundThread() override;

    PlaygroundWorker *worker() const { return m_worker; }

private:
    QThread m_thread;
    PlaygroundWorker *m_worker;
};

} // namespace tinyml::ui

Q_DECLARE_METATYPE(tinyml::ui::PlaygroundSnapshotPtr)
Q_DECLARE_METATYPE(tinyml::core::PlaygroundConfig)
Q_DECLARE_METATYPE(tinyml::core::PlanarPoint)
