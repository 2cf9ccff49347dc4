// Jest stands in this for content-disposition 3 (an ES module), which @fastify/static requires from CommonJS
// for `reply.download()`: Jest cannot require an ES module before Node 24.9, and the service never sends files so.
module.exports = {
  create() {
    throw new Error('content-disposition is not available under Jest');
  },
};
