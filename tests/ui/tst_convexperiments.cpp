// SPDX-License-Identifier: GPL-3.0-or-later
// Each one-click experiment of lesson 9 really shows what the lesson says (label "mnist"), run
// in the lesson's order: the small CNN first, the course model and the CNN without pooling
// judged against it.
#include "testsupport.h"

#include "ui/learn/experiments.h"

#include <QElapsedTimer>
#include <QTest>

#include <Eigen/Core>

#include <map>

using namespace tinyml;
using namespace tinyml::ui;

class TestConvExperiments : public QObject
{
    Q_OBJECT

    core::Dataset m_train, m_test;

private slots:
    void initTestCase()
    {
        // One thread: the outcomes do not depend on it, and on a shared machine two threads
        // waiting for each other at every product make a 15-second run take many minutes.
        Eigen::setNbThreads(1);
        m_train = core::loadDataset(core::DatasetKind::Mnist, core::Split::Train, test::mnistDir());
        m_test = core::loadDataset(core::DatasetKind::Mnist, core::Split::Test, test::mnistDir());
    }

    void everyExperimentShowsItsOutcome()
    {
        const auto all = convolutionExperiments();
        QCOMPARE(all.front().id, Experiment::Id::SmallCnn);
        std::map<Experiment::Id, ExperimentRun> done;
        for (const Experiment &e : all) {
            QElapsedTimer timer;
            timer.start();
            core::Network net(e.spec);
            net.initialize(e.config.seed);
            core::Optimizer opt(e.spec.optimizer, net.parameters().size());
            const core::TrainResult r = core::Trainer(net, opt, e.config, m_train, &m_test).run();
            const ExperimentRun run{r.outcome, r.history, core::evaluate(net, m_test).accuracy};
            const auto base = baselineOf(e.id);
            const ExperimentVerdict v
                = judgeExperiment(e.id, run, base ? &done.at(*base) : nullptr);
            qInfo("%s: %.1f s, %s", qPrintable(e.title), double(timer.elapsed()) / 1000.0,
                  qPrintable(v.explanation));
            QVERIFY2(v.matched, qPrintable(v.explanation));
            done[e.id] = run;
        }
    }
};

QTEST_GUILESS_MAIN(TestConvExperiments)
#include "tst_convexperiments.moc"
