from django.urls import path

from . import views

app_name = "vouchers"

urlpatterns = [
    path("bons-cadeaux/", views.ProgrammeListView.as_view(), name="list"),
    path("bons-cadeaux/paiement/<id:pk>/", views.PayView.as_view(), name="pay"),
    path("bons-cadeaux/paiement/<id:pk>/retour/", views.PayReturnView.as_view(), name="return"),
    path("bons-cadeaux/<slug:slug>/", views.ProgrammeView.as_view(), name="programme"),
    path("bons-cadeaux/financeur/<str:token>/", views.FunderReportView.as_view(), name="funder-report"),
    path("bons-cadeaux/financeur/<str:token>/releve.csv", views.FunderStatementCsvView.as_view(), name="funder-statement"),
    path("bons-cadeaux/financeur/<str:token>/mouvements.csv", views.FunderMovementsCsvView.as_view(), name="funder-movements"),
    path("mes-bons/", views.MyVouchersView.as_view(), name="mine"),
    path("mes-bons/ajouter/", views.AddCodeView.as_view(), name="add"),
    path("mes-bons/cadeau/<str:token>/", views.GiftView.as_view(), name="gift"),
    path("mes-bons/<str:code>/imprimer/", views.PrintView.as_view(), name="print"),
    path("mes-bons/<str:code>/retractation/", views.WithdrawView.as_view(), name="withdraw"),
]
