// SPDX-License-Identifier: GPL-3.0-or-later
// Each one-click experiment of lesson 7 really shows what the lesson says (label "mnist").
#include "testsupport.h"

#include "ui/learn/experiments.h"

#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestExperiments : public QObject
{
    Q_OBJECT

    core::Dataset m_train, m_test;

    ExperimentRun run(const Experiment &e)
    {
        core::Network net(e.spec);
        net.initialize(e.config.seed);
        core::Optimizer opt(e.spec.optimizer, net.parameters().size());
        core::Trainer trainer(net, opt, e.config, m_train, &m_test);
        const core::TrainResult r = trainer.run();
        ExperimentRun out{r.outcome, r.history, core::evaluate(net, m_test).accuracy};
        const auto &last = r.history.empty() ? core::EpochReport{} : r.history.back();
        qInfo("%s: %s after %zu epochs, test %.4f, train acc %.4f, val acc %.4f, val loss %.4f",
              qPrintable(e.title), core::toString(r.outcome).data(), r.history.size(), out.testAccuracy, last.accuracy,
              last.valAccuracy, last.valLoss);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_train = core::loadDataset(core::DatasetKind::Mnist, core::Split::Train, test::mnistDir());
        m_test = core::loadDataset(core::DatasetKind::Mnist, core::Split::Test, test::mnistDir());
    }

    void everyExperimentShowsItsOutcome()
    {
        const auto all = courseExperiments();
        QCOMPARE(all.size(), std::size_t(8));
        std::optional<ExperimentRun> overfit;
        for (const Experiment &e : all) {
            const ExperimentRun r = run(e);
            if (e.id == Experiment::Id::Overfitting)
                overfit = r;
            QVERIFY2(showsExpectedOutcome(e.id, r, overfit ? &*overfit : nullptr), qPrintable(e.title));
        }
    }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
