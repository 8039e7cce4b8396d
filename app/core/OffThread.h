#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace xr {

/// Runs `work` on the global thread pool and hands its result to `apply` in `context`'s
/// thread (queued, never blocking). `apply` is not called when `context` is destroyed first.
/// `work` must only use what it captured by value (QtCore only: no QtConcurrent needed).
template <typename Work, typename Apply>
void runOffThread(QObject* context, Work work, Apply apply)
{
    using T = std::invoke_result_t<Work&>;
    auto promise = std::make_shared<QPromise<T>>();
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, apply = std::move(apply)]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            apply(watcher->future().takeResult());
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() mutable {
        promise->addResult(work());
        promise->finish();
    });
}

} // namespace xr
