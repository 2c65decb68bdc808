// SPDX-License-Identifier: GPL-2.0
/*
 * Small concurrent programs with known sets of outcomes, for ExplorerTest: the
 * explorer must find every outcome, with or without sleep sets, and a
 * preemption bound must cut exactly the outcomes that need more preemptions.
 */
#include <linux/atomic.h>
#include <model/scenario.h>

static atomic_t counter = ATOMIC_INIT(0);

static void increment(void *arg)
{
	int v = atomic_read(&counter);

	atomic_set(&counter, v + 1);
}

/* Two read-then-write increments: an update can be lost. */
MODEL_SCENARIO(lost_update)
{
	int a = model_spawn(0, increment, NULL);
	int b = model_spawn(1, increment, NULL);

	model_join(a);
	model_join(b);
	model_outcome("counter=%d", atomic_read(&counter));
}

/* Three of them. */
MODEL_SCENARIO(lost_update3)
{
	int a = model_spawn(0, increment, NULL);
	int b = model_spawn(1, increment, NULL);
	int c = model_spawn(1, increment, NULL);

	model_join(a);
	model_join(b);
	model_join(c);
	model_outcome("counter=%d", atomic_read(&counter));
}

static int data;
static atomic_t flag = ATOMIC_INIT(0);
static int seen_flag, seen_data;

static void producer(void *arg)
{
	data = 42;
	atomic_set(&flag, 1);
}

static void consumer(void *arg)
{
	seen_flag = atomic_read(&flag);
	seen_data = data;
}

/* Message passing through plain memory and an atomic flag (sequentially consistent). */
MODEL_SCENARIO(message_passing)
{
	int p = model_spawn(0, producer, NULL);
	int c = model_spawn(1, consumer, NULL);

	model_join(p);
	model_join(c);
	model_outcome("flag=%d data=%d", seen_flag, seen_data);
}

static int x, y;
static atomic_t sync_point = ATOMIC_INIT(0);
static int r1, r2;

static void store_x_load_y(void *arg)
{
	x = 1;
	atomic_read(&sync_point);
	r1 = y;
}

static void store_y_load_x(void *arg)
{
	y = 1;
	atomic_read(&sync_point);
	r2 = x;
}

/* Store buffering: r1 == r2 == 0 is impossible under sequential consistency. */
MODEL_SCENARIO(store_buffering)
{
	int a = model_spawn(0, store_x_load_y, NULL);
	int b = model_spawn(1, store_y_load_x, NULL);

	model_join(a);
	model_join(b);
	model_outcome("r1=%d r2=%d", r1, r2);
}

static atomic_t chosen = ATOMIC_INIT(0);

static void pick(void *arg)
{
	atomic_add(model_choose(3) == 2 ? 10 : 1, &chosen);
}

/* model_choose(): every value in one context, and combined across two. */
MODEL_SCENARIO(choose)
{
	int a = model_spawn(1, pick, NULL);
	int v = model_choose(2);

	model_join(a);
	model_outcome("v=%d sum=%d", v, atomic_read(&chosen));
}

/* A choice of one value is no branch at all. */
MODEL_SCENARIO(choose_one)
{
	model_outcome("v=%d", model_choose(1));
}
