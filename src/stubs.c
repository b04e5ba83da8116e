/* Temporary: functions not written yet. */
#include "internal/internal.h"

NFCT_EXPORT struct nfct_handle *nfct_open(uint8_t subsys_id, unsigned int subscriptions)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT struct nfct_handle *nfct_open_nfnl(struct nfnl_handle *nfnlh, uint8_t subsys_id,
				   unsigned int subscriptions)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT int nfct_close(struct nfct_handle *cth)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_fd(struct nfct_handle *cth)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT const struct nfnl_handle *nfct_nfnlh(struct nfct_handle *cth)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT int nfct_callback_register(struct nfct_handle *h,
			   enum nf_conntrack_msg_type type,
			   int (*cb)(enum nf_conntrack_msg_type type,
				     struct nf_conntrack *ct,
				     void *data),
			   void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT void nfct_callback_unregister(struct nfct_handle *h)
{ errno = ENOSYS; }

NFCT_EXPORT int nfct_callback_register2(struct nfct_handle *h,
			    enum nf_conntrack_msg_type type,
			    int (*cb)(const struct nlmsghdr *nlh,
				      enum nf_conntrack_msg_type type,
				      struct nf_conntrack *ct,
				      void *data),
			    void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT void nfct_callback_unregister2(struct nfct_handle *h)
{ errno = ENOSYS; }

NFCT_EXPORT const char *nfct_labels_get_path(void)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT struct nfct_labelmap *nfct_labelmap_new(const char *mapfile)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT void nfct_labelmap_destroy(struct nfct_labelmap *map)
{ errno = ENOSYS; }

NFCT_EXPORT const char *nfct_labelmap_get_name(struct nfct_labelmap *m, unsigned int bit)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT int nfct_labelmap_get_bit(struct nfct_labelmap *m, const char *name)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_snprintf(char *buf, unsigned int size, const struct nf_conntrack *ct,
		  const unsigned int msg_type, const unsigned int out_type,
		  const unsigned int out_flags)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_snprintf_labels(char *buf, unsigned int size,
			 const struct nf_conntrack *ct,
			 const unsigned int msg_type, const unsigned int out_type,
			 const unsigned int out_flags, struct nfct_labelmap *map)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_query(struct nfct_handle *h, const enum nf_conntrack_query query,
	       const void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_send(struct nfct_handle *h, const enum nf_conntrack_query query,
	      const void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_catch(struct nfct_handle *h)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT struct nfct_filter *nfct_filter_create(void)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT void nfct_filter_destroy(struct nfct_filter *filter)
{ errno = ENOSYS; }

NFCT_EXPORT void nfct_filter_add_attr(struct nfct_filter *filter,
			  const enum nfct_filter_attr attr, const void *value)
{ errno = ENOSYS; }

NFCT_EXPORT void nfct_filter_add_attr_u32(struct nfct_filter *filter,
			      const enum nfct_filter_attr attr,
			      const uint32_t value)
{ errno = ENOSYS; }

NFCT_EXPORT int nfct_filter_set_logic(struct nfct_filter *filter,
			  const enum nfct_filter_attr attr,
			  const enum nfct_filter_logic logic)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_filter_attach(int fd, struct nfct_filter *filter)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_filter_detach(int fd)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT struct nfct_filter_dump *nfct_filter_dump_create(void)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT void nfct_filter_dump_destroy(struct nfct_filter_dump *filter)
{ errno = ENOSYS; }

NFCT_EXPORT void nfct_filter_dump_set_attr(struct nfct_filter_dump *filter_dump,
			       const enum nfct_filter_dump_attr type,
			       const void *data)
{ errno = ENOSYS; }

NFCT_EXPORT void nfct_filter_dump_set_attr_u8(struct nfct_filter_dump *filter_dump,
				  const enum nfct_filter_dump_attr type,
				  uint8_t data)
{ errno = ENOSYS; }

NFCT_EXPORT void nfct_filter_dump_set_attr_u16(struct nfct_filter_dump *filter_dump,
				   const enum nfct_filter_dump_attr type,
				   uint16_t data)
{ errno = ENOSYS; }

NFCT_EXPORT int nfct_build_conntrack(struct nfnl_subsys_handle *ssh, void *req, size_t size,
			 uint16_t type, uint16_t flags,
			 const struct nf_conntrack *ct)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_parse_conntrack(enum nf_conntrack_msg_type msg,
			 const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_build_query(struct nfnl_subsys_handle *ssh,
		     const enum nf_conntrack_query query, const void *data,
		     void *req, unsigned int size)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_nlmsg_build(struct nlmsghdr *nlh, const struct nf_conntrack *ct)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_nlmsg_build_filter(struct nlmsghdr *nlh,
			    const struct nfct_filter_dump *filter_dump)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfct_payload_parse(const void *payload, size_t payload_len, uint16_t l3num,
		       struct nf_conntrack *ct)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT struct nf_expect *nfexp_new(void)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT void nfexp_destroy(struct nf_expect *exp)
{ errno = ENOSYS; }

NFCT_EXPORT struct nf_expect *nfexp_clone(const struct nf_expect *exp)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT size_t nfexp_sizeof(const struct nf_expect *exp)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT size_t nfexp_maxsize(void)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_callback_register(struct nfct_handle *h,
			    enum nf_conntrack_msg_type type,
			    int (*cb)(enum nf_conntrack_msg_type type,
				      struct nf_expect *exp,
				      void *data),
			    void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT void nfexp_callback_unregister(struct nfct_handle *h)
{ errno = ENOSYS; }

NFCT_EXPORT int nfexp_callback_register2(struct nfct_handle *h,
			     enum nf_conntrack_msg_type type,
			     int (*cb)(const struct nlmsghdr *nlh,
				       enum nf_conntrack_msg_type type,
				       struct nf_expect *exp,
				       void *data),
			     void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT void nfexp_callback_unregister2(struct nfct_handle *h)
{ errno = ENOSYS; }

NFCT_EXPORT void nfexp_set_attr(struct nf_expect *exp, const enum nf_expect_attr type,
		    const void *value)
{ errno = ENOSYS; }

NFCT_EXPORT void nfexp_set_attr_u8(struct nf_expect *exp, const enum nf_expect_attr type,
		       uint8_t value)
{ errno = ENOSYS; }

NFCT_EXPORT void nfexp_set_attr_u16(struct nf_expect *exp, const enum nf_expect_attr type,
			uint16_t value)
{ errno = ENOSYS; }

NFCT_EXPORT void nfexp_set_attr_u32(struct nf_expect *exp, const enum nf_expect_attr type,
			uint32_t value)
{ errno = ENOSYS; }

NFCT_EXPORT const void *nfexp_get_attr(const struct nf_expect *exp,
			   const enum nf_expect_attr type)
{ errno = ENOSYS; return NULL; }

NFCT_EXPORT uint8_t nfexp_get_attr_u8(const struct nf_expect *exp,
			  const enum nf_expect_attr type)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT uint16_t nfexp_get_attr_u16(const struct nf_expect *exp,
			    const enum nf_expect_attr type)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT uint32_t nfexp_get_attr_u32(const struct nf_expect *exp,
			    const enum nf_expect_attr type)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_attr_is_set(const struct nf_expect *exp, const enum nf_expect_attr type)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_attr_unset(struct nf_expect *exp, const enum nf_expect_attr type)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_query(struct nfct_handle *h, const enum nf_conntrack_query qt,
		const void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_snprintf(char *buf, unsigned int size, const struct nf_expect *exp,
		   const unsigned int msg_type, const unsigned int out_type,
		   const unsigned int out_flags)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_cmp(const struct nf_expect *exp1, const struct nf_expect *exp2,
	      unsigned int flags)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_send(struct nfct_handle *h, const enum nf_conntrack_query qt,
	       const void *data)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_catch(struct nfct_handle *h)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_build_expect(struct nfnl_subsys_handle *ssh, void *req, size_t size,
		       uint16_t type, uint16_t flags,
		       const struct nf_expect *exp)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_parse_expect(enum nf_conntrack_msg_type type,
		       const struct nlmsghdr *nlh, struct nf_expect *exp)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_build_query(struct nfnl_subsys_handle *ssh,
		      const enum nf_conntrack_query qt, const void *data,
		      void *buffer, unsigned int size)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_nlmsg_build(struct nlmsghdr *nlh, const struct nf_expect *exp)
{ errno = ENOSYS; return -1; }

NFCT_EXPORT int nfexp_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_expect *exp)
{ errno = ENOSYS; return -1; }
